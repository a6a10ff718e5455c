package io.warden.testing;

import io.warden.server.config.ServerConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a test ensemble ({@link TestingCluster}, {@link ProcessCluster}) is laid out. Immutable.
 *
 * <p>Defaults suit tests: tickTime 200 ms (initLimit 10, syncLimit 5 ticks), so failures are seen
 * within about a second, and maxSessionTimeout 60 s, so a client keeps the session timeout it asks
 * for. The last {@code observers} ids are observers.
 *
 * @param servers         ensemble size including observers (ids 1..servers)
 * @param observers       how many of them are observers
 * @param tickTime        ms
 * @param initLimit       ticks
 * @param syncLimit       ticks
 * @param baseDirectory   parent of the data directories; empty = a temp directory deleted on close
 * @param dataDirectories one data directory per server (overrides baseDirectory), or empty
 * @param serverConfig    last say over each server's config (session timeouts, snapCount, ...);
 *                        the harness still sets dataDir, ports, server lines and myid
 */
public record ClusterOptions(int servers, int observers, int tickTime, int initLimit, int syncLimit,
                             Optional<Path> baseDirectory, List<Path> dataDirectories,
                             UnaryOperator<ServerConfig.Builder> serverConfig) {

    public ClusterOptions {
        if (servers < 1) {
            throw new IllegalArgumentException("servers must be >= 1: " + servers);
        }
        if (observers < 0 || observers >= servers) {
            throw new IllegalArgumentException("observers must be in 0.." + (servers - 1) + ": " + observers);
        }
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        dataDirectories = List.copyOf(dataDirectories);
        if (!dataDirectories.isEmpty() && dataDirectories.size() != servers) {
            throw new IllegalArgumentException("need one data directory per server: " + dataDirectories.size()
                    + " for " + servers + " servers");
        }
        Objects.requireNonNull(serverConfig, "serverConfig");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable; not thread-safe. */
    public static final class Builder {
        private int servers = 3;
        private int observers;
        private int tickTime = 200;
        private int initLimit = 10;
        private int syncLimit = 5;
        private Path baseDirectory;
        private List<Path> dataDirectories = List.of();
        private UnaryOperator<ServerConfig.Builder> serverConfig = b -> b;

        private Builder() {
        }

        public Builder servers(int v) { servers = v; return this; }
        public Builder observers(int v) { observers = v; return this; }
        public Builder tickTime(int v) { tickTime = v; return this; }
        public Builder initLimit(int v) { initLimit = v; return this; }
        public Builder syncLimit(int v) { syncLimit = v; return this; }
        /** Kept on close. */
        public Builder baseDirectory(Path v) { baseDirectory = v; return this; }
        /** One per server, kept on close. */
        public Builder dataDirectories(List<Path> v) { dataDirectories = List.copyOf(v); return this; }
        public Builder serverConfig(UnaryOperator<ServerConfig.Builder> v) { serverConfig = v; return this; }

        public ClusterOptions build() {
            return new ClusterOptions(servers, observers, tickTime, initLimit, syncLimit,
                    Optional.ofNullable(baseDirectory), dataDirectories, serverConfig);
        }
    }
}
