package io.warden.recipes.discovery;

import java.util.concurrent.TimeUnit;

/**
 * When {@link ServiceProvider#noteError} marks an instance down: after {@code errorThreshold} errors
 * it is skipped for {@code timeout}. Default: 2 errors, 30 seconds.
 */
public class DownInstancePolicy {
    private final long timeoutMs;
    private final int errorThreshold;

    public DownInstancePolicy() {
        this(30, TimeUnit.SECONDS, 2);
    }

    public DownInstancePolicy(long timeout, TimeUnit unit, int errorThreshold) {
        if (timeout < 0 || errorThreshold < 1) {
            throw new IllegalArgumentException("timeout must be >= 0 and errorThreshold >= 1");
        }
        this.timeoutMs = unit.toMillis(timeout);
        this.errorThreshold = errorThreshold;
    }

    public long getTimeoutMs() { return timeoutMs; }

    public int getErrorThreshold() { return errorThreshold; }
}
