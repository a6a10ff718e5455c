package io.warden.retry;

import java.util.concurrent.TimeUnit;

/** Waits between retries. Background operations pass one that schedules instead of blocking. */
@FunctionalInterface
public interface RetrySleeper {
    void sleepFor(long time, TimeUnit unit) throws InterruptedException;

    /** Blocks the calling thread. */
    RetrySleeper BLOCKING = (time, unit) -> unit.sleep(time);
}
