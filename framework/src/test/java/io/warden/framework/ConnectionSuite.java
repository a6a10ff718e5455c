package io.warden.framework;

import io.warden.framework.state.ConnectionState;
import io.warden.framework.testing.Poll;
import io.warden.framework.testing.TestServer;
import io.warden.retry.RetryNTimes;
import io.warden.retry.RetryPolicy;
import io.warden.znode.AddWatchMode;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher.Event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection faults: a server stopped and restarted within the session timeout, or kept down past it;
 * operations during the outage; guaranteed deletes; several hosts. A fresh server per test.
 */
public abstract class ConnectionSuite {
    private TestServer server;
    private final List<CuratorFramework> clients = new ArrayList<>();

    protected abstract TestServer.Factory serverFactory();

    @BeforeEach
    void startServer() throws Exception {
        server = serverFactory().start();
    }

    @AfterEach
    void stopAll() throws Exception {
        clients.forEach(CuratorFramework::close);
        if (server != null) {
            server.close();
        }
    }

    private CuratorFramework start(String connectString, int sessionMs, RetryPolicy retry, BlockingQueue<ConnectionState> states)
            throws Exception {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connectString).sessionTimeoutMs(sessionMs)
                .connectionTimeoutMs(1000).retryPolicy(retry).build();
        clients.add(c);
        if (states != null) {
            c.getConnectionStateListenable().addListener((cl, s) -> states.add(s));
        }
        c.start();
        return c;
    }

    private static ConnectionState next(BlockingQueue<ConnectionState> q) throws InterruptedException {
        ConnectionState s = q.poll(15, TimeUnit.SECONDS);
        assertNotNull(s, "a connection state change within 15 s");
        return s;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void firstConnectionIsReportedAsConnected() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(3, 50), states);
        assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS));
        assertEquals(ConnectionState.CONNECTED, next(states));
        assertTrue(c.getZookeeperClient().isConnected());
        assertTrue(c.getZookeeperClient().getLastNegotiatedSessionTimeoutMs() > 0);
    }

    @Test
    void restartWithinSessionTimeoutSuspendsThenReconnectsAndWatchesStillFire() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(3, 50), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        long session = c.getZookeeperClient().getZooKeeper().getSessionId();
        c.create().forPath("/w", b("0"));
        c.create().withMode(CreateMode.EPHEMERAL).forPath("/eph", b(""));
        BlockingQueue<WatchedEvent> oneShot = new LinkedBlockingQueue<>();
        BlockingQueue<WatchedEvent> recursive = new LinkedBlockingQueue<>();
        c.getData().usingWatcher((io.warden.znode.Watcher) e -> {
            if (e.getType() != EventType.None) {
                oneShot.add(e);
            }
        }).forPath("/w");
        c.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher((io.warden.znode.Watcher) e -> {
            if (e.getType() != EventType.None) {
                recursive.add(e);
            }
        }).forPath("/w");

        server.stop();
        assertEquals(ConnectionState.SUSPENDED, next(states));
        server.restart();
        assertEquals(ConnectionState.RECONNECTED, next(states));
        assertEquals(session, c.getZookeeperClient().getZooKeeper().getSessionId(), "same session");
        assertNotNull(c.checkExists().forPath("/eph"), "ephemeral survived");

        c.setData().forPath("/w", b("1"));
        WatchedEvent e = oneShot.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "one-shot watch re-registered with setWatches");
        assertEquals(EventType.NodeDataChanged, e.getType());
        c.create().forPath("/w/child", b(""));
        List<EventType> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WatchedEvent r = recursive.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "persistent recursive watch re-registered with setWatches2");
            seen.add(r.getType());
        }
        assertEquals(List.of(EventType.NodeDataChanged, EventType.NodeCreated), seen);
    }

    @Test
    void downPastSessionTimeoutIsLostThenANewSessionReconnects() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 1000, new RetryNTimes(3, 50), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        long session = c.getZookeeperClient().getZooKeeper().getSessionId();
        c.create().withMode(CreateMode.EPHEMERAL).forPath("/eph", b(""));

        server.stop();
        assertEquals(ConnectionState.SUSPENDED, next(states));
        assertEquals(ConnectionState.LOST, next(states));
        server.restart();
        assertEquals(ConnectionState.RECONNECTED, next(states));
        assertNotEquals(session, c.getZookeeperClient().getZooKeeper().getSessionId(), "a new session");
        Poll.until("the old session's ephemeral is reaped", Duration.ofSeconds(15), () -> {
            try {
                return c.checkExists().forPath("/eph") == null;
            } catch (Exception e) {
                return false;
            }
        });
        c.create().forPath("/after", b("ok"));
    }

    @Test
    void injectedSessionExpirationIsLostThenReconnectedWithANewSession() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(3, 50), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        long session = c.getZookeeperClient().getZooKeeper().getSessionId();
        c.getZookeeperClient().getZooKeeper().injectSessionExpiration();
        assertEquals(ConnectionState.LOST, next(states));
        assertEquals(ConnectionState.RECONNECTED, next(states));
        assertNotEquals(session, c.getZookeeperClient().getZooKeeper().getSessionId());
    }

    @Test
    void operationsDuringAnOutageFailWithConnectionLossAfterRetrying() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(2, 50), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        server.stop();
        assertEquals(ConnectionState.SUSPENDED, next(states));
        long t0 = System.nanoTime();
        assertThrows(KeeperException.ConnectionLossException.class, () -> c.getData().forPath("/x"));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(2500), "waited for a connection 3 times");
    }

    @Test
    void backgroundOperationIssuedDuringAnOutageCompletesAfterReconnect() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(20, 100), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        server.stop();
        assertEquals(ConnectionState.SUSPENDED, next(states));
        BlockingQueue<Integer> rc = new LinkedBlockingQueue<>();
        c.create().inBackground((cl, e) -> rc.add(e.getResultCode())).forPath("/later", b(""));
        server.restart();
        Integer code = rc.poll(15, TimeUnit.SECONDS);
        assertEquals(0, code);
        assertNotNull(c.checkExists().forPath("/later"));
    }

    @Test
    void guaranteedDeleteFailingDuringAnOutageHappensAfterReconnect() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(0, 10), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        c.create().forPath("/doomed", b(""));
        server.stop();
        assertEquals(ConnectionState.SUSPENDED, next(states));
        assertThrows(KeeperException.ConnectionLossException.class, () -> c.delete().guaranteed().forPath("/doomed"));
        server.restart();
        assertEquals(ConnectionState.RECONNECTED, next(states));
        Poll.until("the guaranteed delete ran in the background", Duration.ofSeconds(10), () -> {
            try {
                return c.checkExists().forPath("/doomed") == null;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void blockUntilConnectedTimesOutWhenNoServerAnswers() throws Exception {
        server.stop();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(0, 10), null);
        assertFalse(c.blockUntilConnected(300, TimeUnit.MILLISECONDS));
        assertFalse(c.getZookeeperClient().isConnected());
        server.restart();
        assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS));
    }

    @Test
    void connectStringWithADeadHostStillConnectsToTheLiveOne() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String cs = "127.0.0.1:" + deadPort + "," + server.connectString();
        for (int i = 0; i < 3; i++) {
            CuratorFramework c = start(cs, 4000, new RetryNTimes(3, 50), null);
            assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS));
            c.checkExists().forPath("/");
        }
    }

    @Test
    void closedClientRefusesOperationsAndReleasesItsEphemerals() throws Exception {
        CuratorFramework a = start(server.connectString(), 4000, new RetryNTimes(3, 50), null);
        CuratorFramework b = start(server.connectString(), 4000, new RetryNTimes(3, 50), null);
        assertTrue(a.blockUntilConnected(10, TimeUnit.SECONDS));
        assertTrue(b.blockUntilConnected(10, TimeUnit.SECONDS));
        a.create().withMode(CreateMode.EPHEMERAL).forPath("/mine", b(""));
        a.close();
        assertThrows(IllegalStateException.class, () -> a.checkExists().forPath("/mine"));
        assertNull(b.checkExists().forPath("/mine"), "closeSession removed the ephemeral at once");
    }

    @Test
    void anIdleClientKeepsItsSessionAlive() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 1000, new RetryNTimes(3, 50), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        long session = c.getZookeeperClient().getZooKeeper().getSessionId();
        // the behaviour under test is the passing of time: three session timeouts without any request
        assertNull(states.poll(3, TimeUnit.SECONDS), "pings kept the connection up");
        assertEquals(session, c.getZookeeperClient().getZooKeeper().getSessionId());
        c.create().withMode(CreateMode.EPHEMERAL).forPath("/still-mine", b(""));
    }

    @Test
    void thousandsOfWatchesAreReArmedInSeveralBatchesAfterARestart() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = start(server.connectString(), 4000, new RetryNTimes(3, 50), states);
        assertEquals(ConnectionState.CONNECTED, next(states));
        c.create().forPath("/many", b(""));
        int n = 3000;
        String pad = "x".repeat(100);
        BlockingQueue<String> fired = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch armed = new java.util.concurrent.CountDownLatch(n);
        io.warden.znode.Watcher w = e -> {
            if (e.getType() == EventType.NodeCreated) {
                fired.add(e.getPath());
            }
        };
        for (int i = 0; i < n; i++) {
            c.checkExists().usingWatcher(w).inBackground((cl, e) -> armed.countDown()).forPath("/many/" + pad + i);
        }
        assertTrue(armed.await(30, TimeUnit.SECONDS));
        server.stop();
        assertEquals(ConnectionState.SUSPENDED, next(states));
        server.restart();
        assertEquals(ConnectionState.RECONNECTED, next(states));
        c.create().forPath("/many/" + pad + 0, b(""));
        c.create().forPath("/many/" + pad + (n - 1), b(""));
        assertEquals("/many/" + pad + 0, fired.poll(10, TimeUnit.SECONDS));
        assertEquals("/many/" + pad + (n - 1), fired.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void failedAuthenticationIsLostAndOperationsFailWithAuthFailed() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(server.connectString())
                .sessionTimeoutMs(4000).connectionTimeoutMs(1000).retryPolicy(new RetryNTimes(3, 50))
                .authorization("no-such-scheme", b("x")).build();
        clients.add(c);
        c.getConnectionStateListenable().addListener((cl, s) -> states.add(s));
        c.start();
        assertEquals(ConnectionState.CONNECTED, next(states));
        assertEquals(ConnectionState.LOST, next(states));
        assertThrows(KeeperException.AuthFailedException.class, () -> c.checkExists().forPath("/"));
    }
}
