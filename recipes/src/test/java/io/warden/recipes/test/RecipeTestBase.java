package io.warden.recipes.test;

import io.warden.framework.CuratorFramework;
import io.warden.framework.CuratorFrameworkFactory;
import io.warden.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the recipe suites: each test runs once per {@link Backend} (a real ZooKeeper 3.9.3 and a
 * Warden server), with clients that are closed after the test and servers closed after the class.
 * Set {@code -Dwarden.recipes.backends=zookeeper} (or {@code warden}) to run against one only.
 */
public abstract class RecipeTestBase {
    public static final int SESSION_TIMEOUT_MS = 10_000;
    public static final long WAIT_S = 20;

    private static final Backend ZK = new Backend.ZooKeeperBackend();
    private static final Backend WARDEN = new Backend.WardenBackend();

    private final List<CuratorFramework> clients = new ArrayList<>();

    public static Stream<Backend> backends() {
        String only = System.getProperty("warden.recipes.backends", "zookeeper,warden");
        List<Backend> out = new ArrayList<>();
        if (only.contains("zookeeper")) {
            out.add(ZK);
        }
        if (only.contains("warden")) {
            out.add(WARDEN);
        }
        return out.stream();
    }

    /** A started, connected client of the backend; closed after the test. */
    protected CuratorFramework newClient(Backend backend) throws Exception {
        CuratorFramework client = CuratorFrameworkFactory.newClient(backend.connectString(), SESSION_TIMEOUT_MS,
                5_000, new ExponentialBackoffRetry(100, 3));
        clients.add(client);
        client.start();
        assertTrue(client.blockUntilConnected(15, TimeUnit.SECONDS), "client connects to " + backend);
        return client;
    }

    /**
     * Expires the client's session on the server: a second connection joins the session with its id
     * and password and closes it. The client may win the session back before the close arrives
     * (the close is then refused), so this repeats until a join is told the session is expired,
     * then nudges the client and waits until it is on a new session.
     */
    protected static void expireSession(CuratorFramework client, Backend backend) throws Exception {
        var zk = client.getZookeeperClient().getZooKeeper();
        long id = zk.getSessionId();
        byte[] passwd = zk.getSessionPasswd();
        for (int attempt = 0; attempt < 20; attempt++) {
            if (!closeSessionFromOutside(backend, id, passwd)) {
                // a request makes the server answer the closed session now, not at the next ping
                zk.exists("/", null).exceptionally(e -> null);
                waitFor("client on a new session after 0x" + Long.toHexString(id), () -> zk.getSessionId() != id);
                return;
            }
        }
        fail("session 0x" + Long.toHexString(id) + " did not expire");
    }

    /** @return false if the server answered that the session is already expired */
    private static boolean closeSessionFromOutside(Backend backend, long id, byte[] passwd) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        boolean[] expired = {false};
        org.apache.zookeeper.ZooKeeper other = new org.apache.zookeeper.ZooKeeper(backend.connectString(),
                SESSION_TIMEOUT_MS, e -> {
                    if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.Expired) {
                        expired[0] = true;
                        connected.countDown();
                    } else if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                        connected.countDown();
                    }
                }, id, passwd);
        try {
            assertTrue(connected.await(WAIT_S, TimeUnit.SECONDS), "second connection joins the session");
            return !expired[0];
        } finally {
            other.close();
        }
    }

    /** Polls {@code condition} until true or the deadline (no fixed sleeps). */
    public static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    @AfterEach
    void closeClients() {
        for (int i = clients.size() - 1; i >= 0; i--) {
            try {
                clients.get(i).close();
            } catch (RuntimeException ignored) {
                // a test may have closed it already
            }
        }
        clients.clear();
    }

    @AfterAll
    static void closeServers() throws Exception {
        ZK.close();
        WARDEN.close();
    }
}
