package io.warden.retry;

import java.util.concurrent.TimeUnit;

/** Retries without limit, with a fixed sleep in between. */
public class RetryForever implements RetryPolicy {
    private final int retryIntervalMs;

    public RetryForever(int retryIntervalMs) {
        if (retryIntervalMs <= 0) {
            throw new IllegalArgumentException("retry interval must be positive: " + retryIntervalMs);
        }
        this.retryIntervalMs = retryIntervalMs;
    }

    @Override
    public boolean allowRetry(int retryCount, long elapsedTimeMs, RetrySleeper sleeper) {
        try {
            sleeper.sleepFor(retryIntervalMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
