package io.warden.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Knobs of the ensemble and failover benchmarks, read once from {@code -Dbench.*} properties in
 * {@code main} (next to {@link BenchSettings}) and passed down explicitly. Both systems get the same
 * values.
 *
 * @param size             ensemble size ({@code bench.ensembleSize}, default 3)
 * @param tickTime         ms ({@code bench.tickTime}, default 2000, as in ZooKeeper's zoo_sample.cfg)
 * @param initLimit        ticks ({@code bench.initLimit}, default 10)
 * @param syncLimit        ticks ({@code bench.syncLimit}, default 5)
 * @param failoverTrials   leader kills per system ({@code bench.failoverTrials}, default 10; 0 skips failover)
 * @param failoverClients  writing sessions during failover ({@code bench.failoverClients}, default 6)
 * @param failoverWindow   outstanding setData per writing session ({@code bench.failoverWindow}, default 2)
 * @param failoverTimeout  how long a trial waits for writes to resume ({@code bench.failoverTimeoutSeconds}, default 30)
 * @param settle           steady load before each kill ({@code bench.failoverSettleSeconds}, default 1)
 */
record EnsembleSettings(int size, int tickTime, int initLimit, int syncLimit, int failoverTrials,
                        int failoverClients, int failoverWindow, Duration failoverTimeout, Duration settle) {

    EnsembleSettings {
        if (size < 3 || size % 2 == 0) {
            throw new IllegalArgumentException("bench.ensembleSize must be odd and >= 3, got " + size);
        }
        positive("bench.tickTime", tickTime);
        positive("bench.initLimit", initLimit);
        positive("bench.syncLimit", syncLimit);
        positive("bench.failoverClients", failoverClients);
        positive("bench.failoverWindow", failoverWindow);
        if (failoverTrials < 0) {
            throw new IllegalArgumentException("bench.failoverTrials must be >= 0, got " + failoverTrials);
        }
        if (failoverTimeout.isNegative() || failoverTimeout.isZero()) {
            throw new IllegalArgumentException("bench.failoverTimeoutSeconds must be > 0, got " + failoverTimeout);
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("bench.failoverSettleSeconds must be >= 0, got " + settle);
        }
    }

    /** Reads the settings from {@code props}; a malformed value fails with the property's name. */
    static EnsembleSettings from(Properties props) {
        return new EnsembleSettings(
                integer(props, "bench.ensembleSize", "3"),
                integer(props, "bench.tickTime", "2000"),
                integer(props, "bench.initLimit", "10"),
                integer(props, "bench.syncLimit", "5"),
                integer(props, "bench.failoverTrials", "10"),
                integer(props, "bench.failoverClients", "6"),
                integer(props, "bench.failoverWindow", "2"),
                seconds(props, "bench.failoverTimeoutSeconds", "30"),
                seconds(props, "bench.failoverSettleSeconds", "1"));
    }

    /** One line for the report header. */
    String describe() {
        return String.format(Locale.ROOT,
                "%d-node ensembles, tickTime %d ms, initLimit %d, syncLimit %d; failover: %d trial(s), %d writing "
                        + "sessions x %d outstanding setData, %ss steady load before each kill, %ss timeout",
                size, tickTime, initLimit, syncLimit, failoverTrials, failoverClients, failoverWindow,
                settle.toMillis() / 1000.0, failoverTimeout.toMillis() / 1000.0);
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    private static int integer(Properties props, String key, String dflt) {
        String raw = props.getProperty(key, dflt).trim();
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": cannot parse '" + raw + "'", e);
        }
    }

    private static Duration seconds(Properties props, String key, String dflt) {
        String raw = props.getProperty(key, dflt).trim();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(raw) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": cannot parse '" + raw + "'", e);
        }
    }
}
