package io.warden.framework.testing;

/**
 * A single server the framework suites run against. Implementations: {@link ZooKeeperTestServer}
 * (Apache ZooKeeper 3.9.3 via curator-test) and {@link WardenTestServer} (Warden's own server).
 * The server binds 127.0.0.1 on a free port; {@link #stop()} and {@link #restart()} keep the data
 * and the port, so sessions can survive a restart within their timeout.
 */
public interface TestServer extends AutoCloseable {
    /** Session timeouts the server grants are clamped to [2, 20] ticks of this length. */
    int TICK_MS = 200;

    String connectString();

    /** Stops serving; data and port are kept. */
    void stop() throws Exception;

    /** Serves again on the same port with the same data (after {@link #stop()}). */
    void restart() throws Exception;

    /** Stops and deletes the data. */
    @Override
    void close() throws Exception;

    /** Starts a fresh server of one kind. */
    @FunctionalInterface
    interface Factory {
        TestServer start() throws Exception;
    }
}
