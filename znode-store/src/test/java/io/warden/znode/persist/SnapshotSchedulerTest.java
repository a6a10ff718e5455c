package io.warden.znode.persist;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotSchedulerTest {
    /** Transactions until the scheduler asks for a snapshot. */
    private static int txnsUntilTrigger(SnapshotScheduler s) {
        for (int i = 1; i <= 1_000_000; i++) {
            if (s.recordTxn(10)) {
                return i;
            }
        }
        throw new AssertionError("never triggered");
    }

    @Test
    void triggersWithinHalfToFullSnapCountAndVariesBetweenRounds() {
        SnapshotScheduler s = new SnapshotScheduler(1000, 0, new Random(42));
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < 50; round++) {
            int n = txnsUntilTrigger(s);
            assertTrue(n >= 501 && n <= 1000, "triggered after " + n);
            seen.add(n);
            s.snapshotFinished();
        }
        assertTrue(seen.size() > 10, "thresholds are randomised: " + seen);
    }

    @Test
    void differentSeedsSpreadServersApartAndTheSameSeedReplays() {
        assertEquals(txnsUntilTrigger(new SnapshotScheduler(10_000, 0, new Random(7))),
                txnsUntilTrigger(new SnapshotScheduler(10_000, 0, new Random(7))));
        Set<Integer> firsts = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            firsts.add(txnsUntilTrigger(new SnapshotScheduler(10_000, 0, new Random(seed))));
        }
        assertTrue(firsts.size() >= 4, "servers would snapshot together: " + firsts);
    }

    @Test
    void aRoundDueWhileASnapshotRunsIsSkippedNotQueued() {
        SnapshotScheduler s = new SnapshotScheduler(10, 0, new Random(1));
        txnsUntilTrigger(s);
        assertTrue(s.snapshotInProgress());
        for (int i = 0; i < 10; i++) {
            assertFalse(s.recordTxn(1), "no second snapshot while one is running");
        }
        assertEquals(1, s.skipped());
        s.snapshotFinished();
        int n = txnsUntilTrigger(s);
        assertTrue(n <= 10);
    }

    @Test
    void aByteLimitTriggersBeforeTheCount() {
        SnapshotScheduler s = new SnapshotScheduler(1_000_000, 10_000, new Random(3));
        int n = 0;
        boolean triggered = false;
        while (!triggered) {
            n++;
            triggered = s.recordTxn(1000);
        }
        assertTrue(n >= 6 && n <= 10, "10 KB limit with 1 KB txns triggered after " + n);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SnapshotScheduler(1, 0, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotScheduler(100, -1, new Random()));
    }
}
