package io.warden.retry;

/** {@link ExponentialBackoffRetry} whose sleep never exceeds {@code maxSleepTimeMs}. */
public class BoundedExponentialBackoffRetry extends ExponentialBackoffRetry {
    private final int maxSleepTimeMs;

    public BoundedExponentialBackoffRetry(int baseSleepTimeMs, int maxSleepTimeMs, int maxRetries) {
        super(baseSleepTimeMs, maxRetries, maxSleepTimeMs);
        this.maxSleepTimeMs = maxSleepTimeMs;
    }

    public int getMaxSleepTimeMs() { return maxSleepTimeMs; }
}
