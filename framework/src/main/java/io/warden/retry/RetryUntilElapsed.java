package io.warden.retry;

/** Retries with a fixed sleep until {@code maxElapsedTimeMs} has passed since the first attempt. */
public class RetryUntilElapsed extends SleepingRetry {
    private final int maxElapsedTimeMs;
    private final int sleepMsBetweenRetries;

    public RetryUntilElapsed(int maxElapsedTimeMs, int sleepMsBetweenRetries) {
        super(Integer.MAX_VALUE);
        this.maxElapsedTimeMs = maxElapsedTimeMs;
        this.sleepMsBetweenRetries = sleepMsBetweenRetries;
    }

    @Override
    public boolean allowRetry(int retryCount, long elapsedTimeMs, RetrySleeper sleeper) {
        return elapsedTimeMs < maxElapsedTimeMs && super.allowRetry(retryCount, elapsedTimeMs, sleeper);
    }

    @Override
    protected long getSleepTimeMs(int retryCount, long elapsedTimeMs) {
        return Math.max(0, Math.min(sleepMsBetweenRetries, maxElapsedTimeMs - elapsedTimeMs));
    }
}
