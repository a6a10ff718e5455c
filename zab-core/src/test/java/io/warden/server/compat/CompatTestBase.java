package io.warden.server.compat;

import io.warden.server.config.ServerConfig;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One fresh Warden server per test (tickTime 200 ms, all 4lw allowed) and official ZooKeeper 3.9.3
 * clients that are closed after the test. Subclasses may tweak the server config.
 */
@Timeout(60)
abstract class CompatTestBase {
    /** Session timeout the helper requests unless told otherwise (within 2..20 ticks of 200 ms). */
    static final int SESSION_MS = 4000;

    @TempDir
    Path tmp;

    WardenTestServer server;
    private final List<ZooKeeper> clients = new ArrayList<>();
    private final List<CuratorFramework> curators = new ArrayList<>();

    /** Override to change the server config (e.g. a longer maxSessionTimeout). */
    UnaryOperator<ServerConfig.Builder> serverTweaks() {
        return UnaryOperator.identity();
    }

    /** Override to reap containers and TTL nodes sooner than the default 60 s. */
    long reaperIntervalMs() {
        return WardenTestServer.DEFAULT_REAPER_INTERVAL_MS;
    }

    @BeforeEach
    void startServer() throws Exception {
        server = WardenTestServer.start(tmp.resolve("data"), serverTweaks(), reaperIntervalMs());
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (CuratorFramework c : curators) {
            c.close();
        }
        curators.clear();
        for (ZooKeeper zk : clients) {
            zk.close(2000);
        }
        clients.clear();
        if (server != null) {
            server.close();
        }
    }

    /** A connected official client with a default session timeout; its events go to a fresh recorder. */
    ZooKeeper connect() throws Exception {
        return connect(new Events());
    }

    ZooKeeper connect(Events events) throws Exception {
        return connect(server.connectString(), SESSION_MS, events);
    }

    /** Connects and waits (10 s) for SyncConnected. The client is closed after the test. */
    ZooKeeper connect(String connectString, int sessionMs, Events events) throws Exception {
        ZooKeeper zk = new ZooKeeper(connectString, sessionMs, events);
        clients.add(zk);
        events.awaitState(KeeperState.SyncConnected);
        return zk;
    }

    /** A started Curator 5.7.1 client (default settings, ensemble tracker on) connected to the server. */
    CuratorFramework curator() throws Exception {
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(server.connectString())
                .sessionTimeoutMs(SESSION_MS)
                .connectionTimeoutMs(SESSION_MS)
                .retryPolicy(new ExponentialBackoffRetry(50, 10, 500))
                .build();
        curators.add(c);
        c.start();
        if (!c.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("Curator did not connect within 10 s");
        }
        return c;
    }

    /** Registers a client created elsewhere (e.g. re-attached by session id) for closing after the test. */
    <T extends ZooKeeper> T track(T zk) {
        clients.add(zk);
        return zk;
    }
}
