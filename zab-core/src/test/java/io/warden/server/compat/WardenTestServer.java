package io.warden.server.compat;

import io.warden.server.WardenServer;
import io.warden.server.config.ServerConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An in-process Warden server on 127.0.0.1 for compatibility tests. The first start binds an ephemeral
 * port; {@link #restart()} reuses that port and the same dataDir, so connected clients find it again.
 * Defaults: tickTime 200 ms (so session timeouts are 400..4000 ms) and every four-letter word allowed.
 * Not thread-safe: drive it from the test thread.
 */
final class WardenTestServer implements AutoCloseable {
    static final int TICK_MS = 200;
    /** What {@code WardenServer.start(config)} uses (ZooKeeper's container check interval). */
    static final long DEFAULT_REAPER_INTERVAL_MS = 60_000;

    private final Path dataDir;
    private final UnaryOperator<ServerConfig.Builder> tweaks;
    private final long reaperIntervalMs;
    private WardenServer server;
    private int port;

    private WardenTestServer(Path dataDir, UnaryOperator<ServerConfig.Builder> tweaks, long reaperIntervalMs) {
        this.dataDir = dataDir;
        this.tweaks = tweaks;
        this.reaperIntervalMs = reaperIntervalMs;
    }

    static WardenTestServer start(Path dataDir) throws Exception {
        return start(dataDir, UnaryOperator.identity());
    }

    /** @param tweaks applied to the builder after the test defaults, e.g. a longer maxSessionTimeout */
    static WardenTestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> tweaks) throws Exception {
        return start(dataDir, tweaks, DEFAULT_REAPER_INTERVAL_MS);
    }

    /** @param reaperIntervalMs how often the server looks for empty containers and expired TTL nodes */
    static WardenTestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> tweaks, long reaperIntervalMs)
            throws Exception {
        WardenTestServer s = new WardenTestServer(dataDir, tweaks, reaperIntervalMs);
        s.startServer();
        return s;
    }

    /** The config this helper starts the server with on the given port (0 = ephemeral). */
    ServerConfig config(int clientPort) {
        ServerConfig.Builder b = ServerConfig.builder().dataDir(dataDir).clientPort(clientPort)
                .clientPortAddress(InetAddress.getLoopbackAddress()).tickTime(TICK_MS)
                .fourLetterWordWhitelist(Set.of("*"));
        return tweaks.apply(b).build();
    }

    private void startServer() throws Exception {
        if (port == 0) {
            server = WardenServer.start(config(0), Clock.systemUTC(), reaperIntervalMs);
            port = portOf(server.connectString());
            return;
        }
        // The old listener may linger briefly; retry the bind on the same port with a deadline.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                server = WardenServer.start(config(port), Clock.systemUTC(), reaperIntervalMs);
                return;
            } catch (IOException e) {
                if (!isBindFailure(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                Poll.pause();
            }
        }
    }

    static int portOf(String connectString) {
        return Integer.parseInt(connectString.substring(connectString.lastIndexOf(':') + 1));
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    boolean running() {
        return server != null;
    }

    /** Clean stop; clients stay alive and keep trying to reconnect to the same port. */
    void stop() {
        if (server != null) {
            WardenServer s = server;
            server = null;
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException("server close failed", e);
            }
        }
    }

    /** Stops (if running) and starts again on the same port with the same dataDir. */
    void restart() throws Exception {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
    }
}
