package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnsembleSettingsTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsAreZooKeepersSampleConfigAndTenTrials() {
        EnsembleSettings s = EnsembleSettings.from(props());
        assertEquals(3, s.size());
        assertEquals(2000, s.tickTime());
        assertEquals(10, s.initLimit());
        assertEquals(5, s.syncLimit());
        assertEquals(10, s.failoverTrials());
        assertEquals(Duration.ofSeconds(30), s.failoverTimeout());
        assertEquals(Duration.ofSeconds(1), s.settle());
    }

    @Test
    void zeroTrialsSkipsFailoverButNegativeIsRefused() {
        assertEquals(0, EnsembleSettings.from(props("bench.failoverTrials", "0")).failoverTrials());
        assertThrows(IllegalArgumentException.class, () -> EnsembleSettings.from(props("bench.failoverTrials", "-1")));
    }

    @Test
    void anEvenOrTooSmallEnsembleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EnsembleSettings.from(props("bench.ensembleSize", "4")));
        assertThrows(IllegalArgumentException.class, () -> EnsembleSettings.from(props("bench.ensembleSize", "1")));
    }

    @Test
    void aMalformedValueNamesItsProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnsembleSettings.from(props("bench.failoverTimeoutSeconds", "soon")));
        assertTrue(e.getMessage().contains("bench.failoverTimeoutSeconds"), e.getMessage());
    }

    @Test
    void fractionalSecondsAreAccepted() {
        assertEquals(Duration.ofMillis(250), EnsembleSettings.from(props("bench.failoverSettleSeconds", "0.25")).settle());
    }
}
