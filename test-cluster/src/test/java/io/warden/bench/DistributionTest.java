package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void medianOfAnOddSampleIsTheMiddleValue() {
        Distribution d = Distribution.of(300, 100, 200);
        assertEquals(200, d.median());
        assertEquals(300, d.max());
        assertEquals(3, d.n());
    }

    @Test
    void medianOfAnEvenSampleIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(250, Distribution.of(400, 100, 200, 300).median());
    }

    @Test
    void p90IsTheNearestRankSoTenTrialsGiveTheNinthSmallest() {
        Distribution d = Distribution.of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertEquals(9, d.p90());
        assertEquals(10, d.max());
        assertEquals(3, Distribution.of(1, 2, 3).p90()); // ceil(2.7) = rank 3
    }

    @Test
    void trialsThatNeverGotThereAreLeftOutAndCounted() {
        Distribution d = Distribution.of(100, Double.NaN, 300);
        assertEquals(2, d.n());
        assertEquals(1, d.missing());
        assertEquals(200, d.median());
    }

    @Test
    void anEmptySampleRendersAsNotAvailable() {
        Distribution d = Distribution.of(Double.NaN);
        assertTrue(Double.isNaN(d.median()));
        assertEquals("n/a", d.render());
    }

    @Test
    void renderShowsMedianP90MaxInMilliseconds() {
        assertEquals("5.5 / 9.0 / 10", Distribution.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).render());
        assertEquals("212 / 903 / 903", Distribution.of(212, 903, 100).render());
    }
}
