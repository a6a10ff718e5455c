package io.warden.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a set number of times with a growing, randomised sleep:
 * {@code baseSleepTimeMs * random(1, 2^(retryCount+1))}, capped at {@code maxSleepMs}.
 */
public class ExponentialBackoffRetry extends SleepingRetry {
    private static final int MAX_RETRIES_LIMIT = 29;
    private static final int DEFAULT_MAX_SLEEP_MS = Integer.MAX_VALUE;

    private final int baseSleepTimeMs;
    private final int maxSleepMs;

    public ExponentialBackoffRetry(int baseSleepTimeMs, int maxRetries) {
        this(baseSleepTimeMs, maxRetries, DEFAULT_MAX_SLEEP_MS);
    }

    public ExponentialBackoffRetry(int baseSleepTimeMs, int maxRetries, int maxSleepMs) {
        super(Math.min(maxRetries, MAX_RETRIES_LIMIT));
        if (baseSleepTimeMs < 0 || maxSleepMs < 0) {
            throw new IllegalArgumentException("sleep times must not be negative");
        }
        this.baseSleepTimeMs = baseSleepTimeMs;
        this.maxSleepMs = maxSleepMs;
    }

    public int getBaseSleepTimeMs() { return baseSleepTimeMs; }

    @Override
    protected long getSleepTimeMs(int retryCount, long elapsedTimeMs) {
        int shift = Math.min(retryCount + 1, MAX_RETRIES_LIMIT);
        long factor = Math.max(1, ThreadLocalRandom.current().nextInt(1 << shift));
        return Math.min((long) baseSleepTimeMs * factor, maxSleepMs);
    }
}
