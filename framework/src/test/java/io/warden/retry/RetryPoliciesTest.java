package io.warden.retry;

import io.warden.znode.KeeperException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPoliciesTest {
    private final List<Long> sleeps = new ArrayList<>();
    private final RetrySleeper recorder = (t, u) -> sleeps.add(u.toMillis(t));

    @Test
    void onlyConnectionProblemsAreRetryable() {
        RetryPolicy p = new RetryOneTime(1);
        assertTrue(p.allowRetry(new KeeperException.ConnectionLossException()));
        assertTrue(p.allowRetry(new KeeperException.OperationTimeoutException()));
        assertTrue(p.allowRetry(new KeeperException.SessionMovedException()));
        assertTrue(p.allowRetry(new KeeperException.SessionExpiredException()));
        assertFalse(p.allowRetry(new KeeperException.NodeExistsException()));
        assertFalse(p.allowRetry(new KeeperException.BadVersionException()));
        assertFalse(p.allowRetry(new IllegalArgumentException()));
        assertFalse(new SessionFailedRetryPolicy(p).allowRetry(new KeeperException.SessionExpiredException()));
        assertTrue(new SessionFailedRetryPolicy(p).allowRetry(new KeeperException.ConnectionLossException()));
    }

    @Test
    void retryNTimesSleepsTheFixedTimeNTimes() {
        RetryNTimes p = new RetryNTimes(3, 25);
        for (int i = 0; i < 3; i++) {
            assertTrue(p.allowRetry(i, 0, recorder));
        }
        assertFalse(p.allowRetry(3, 0, recorder));
        assertEquals(List.of(25L, 25L, 25L), sleeps);
        assertTrue(new RetryOneTime(5).allowRetry(0, 0, recorder));
        assertFalse(new RetryOneTime(5).allowRetry(1, 0, recorder));
    }

    @Test
    void exponentialBackoffGrowsWithinItsBounds() {
        ExponentialBackoffRetry p = new ExponentialBackoffRetry(10, 5);
        for (int i = 0; i < 5; i++) {
            assertTrue(p.allowRetry(i, 0, recorder));
            long max = 10L * (1L << (i + 1));
            assertTrue(sleeps.get(i) >= 10 && sleeps.get(i) <= max, sleeps.get(i) + " within [10," + max + "]");
        }
        assertFalse(p.allowRetry(5, 0, recorder));
        BoundedExponentialBackoffRetry bounded = new BoundedExponentialBackoffRetry(10, 30, 20);
        for (int i = 0; i < 20; i++) {
            bounded.allowRetry(i, 0, recorder);
        }
        assertTrue(sleeps.subList(5, sleeps.size()).stream().allMatch(s -> s <= 30));
    }

    @Test
    void untilElapsedStopsAtTheDeadlineAndForeverNeverStops() {
        RetryUntilElapsed p = new RetryUntilElapsed(100, 40);
        assertTrue(p.allowRetry(0, 0, recorder));
        assertTrue(p.allowRetry(1, 90, recorder));
        assertFalse(p.allowRetry(2, 100, recorder));
        assertEquals(List.of(40L, 10L), sleeps, "the last sleep does not overshoot the deadline");
        RetryForever f = new RetryForever(7);
        assertTrue(f.allowRetry(1_000_000, Long.MAX_VALUE, recorder));
    }

    @Test
    void blockingSleeperReallySleeps() throws Exception {
        long t0 = System.nanoTime();
        RetrySleeper.BLOCKING.sleepFor(20, TimeUnit.MILLISECONDS);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(20));
    }
}
