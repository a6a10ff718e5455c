package io.warden.retry;

import java.util.concurrent.TimeUnit;

/** A policy that allows up to {@code n} retries, sleeping a per-retry time in between. */
public abstract class SleepingRetry implements RetryPolicy {
    private final int n;

    protected SleepingRetry(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retry count must not be negative: " + n);
        }
        this.n = n;
    }

    public int getN() { return n; }

    @Override
    public boolean allowRetry(int retryCount, long elapsedTimeMs, RetrySleeper sleeper) {
        if (retryCount >= n) {
            return false;
        }
        try {
            sleeper.sleepFor(getSleepTimeMs(retryCount, elapsedTimeMs), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** How long to sleep before retry number {@code retryCount} (0-based). */
    protected abstract long getSleepTimeMs(int retryCount, long elapsedTimeMs);
}
