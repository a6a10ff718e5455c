package io.warden.server.compat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/** Polling with a deadline: the only way these tests wait for something that has no callback. */
final class Poll {
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private Poll() {
    }

    /** Waits until {@code condition} holds (exceptions count as "not yet"); fails with {@code what} after the deadline. */
    static void until(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for: " + what
                        + (last != null ? " (last error: " + last + ")" : ""));
            }
            pause();
        }
    }

    static void until(String what, Callable<Boolean> condition) {
        until(what, DEFAULT, condition);
    }

    /** One polling step (5 ms). */
    static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
}
