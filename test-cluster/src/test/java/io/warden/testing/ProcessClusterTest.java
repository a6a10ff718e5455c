package io.warden.testing;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static io.warden.testing.EnsembleGuard.awaitEnsemble;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servers as real JVMs (this test's class path): kill -9, SIGSTOP/SIGCONT, restart. */
class ProcessClusterTest {
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    private final Opened opened = new Opened();

    @AfterEach
    void tearDown() throws Exception {
        opened.close();
    }

    private ProcessCluster started(int n) throws Exception {
        ProcessCluster cluster = new ProcessCluster(ClusterOptions.builder().servers(n).build(),
                ServerLauncher.fromCurrentClasspath());
        opened.track(cluster);
        cluster.start();
        return cluster;
    }

    private ZooKeeper client(String connectString) throws Exception {
        return opened.client(connectString, CONNECT);
    }

    /** {@code zk} once it works again after a failover: its session must have survived (same id). */
    private static ZooKeeper sameSession(ZooKeeper zk, long sessionId) throws Exception {
        Zk.retry(FAILOVER, () -> zk.exists("/", false));
        assertEquals(sessionId, zk.getSessionId(), "the session moved with its id");
        return zk;
    }

    @Test
    void aStandaloneProcessSurvivesSigstopAndKeepsAcknowledgedWritesAcrossKill9() throws Exception {
        ProcessCluster cluster = started(1);
        InstanceSpec s = cluster.getInstance(1);
        assertEquals("standalone", cluster.mode(1).orElseThrow());
        ZooKeeper zk = client(s.connectString());
        for (int i = 0; i < 20; i++) {
            Zk.create(zk, "/p" + i, "v" + i);
        }

        cluster.sigstop(1);
        assertTrue(cluster.process(1).orElseThrow().isStopped());
        assertTrue(cluster.mode(1).isEmpty(), "a stopped JVM does not answer");
        cluster.sigcont(1);
        assertEquals("standalone", cluster.mode(1).orElseThrow());

        long pid = cluster.process(1).orElseThrow().pid();
        assertTrue(cluster.kill9(1));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is gone");
        cluster.restart(1);
        assertNotEquals(pid, cluster.process(1).orElseThrow().pid());
        ZooKeeper again = client(s.connectString());
        for (int i = 0; i < 20; i++) {
            assertEquals("v" + i, Zk.read(again, "/p" + i), "acknowledged write /p" + i + " survived kill -9");
        }
    }

    @Test
    void killNineOfTheLeaderKeepsEveryAcknowledgedWriteOnEveryServer() throws Exception {
        ProcessCluster cluster = started(3);
        awaitEnsemble(cluster);
        ZooKeeper zk = client(cluster.getConnectString());
        long session = zk.getSessionId();
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            acknowledged.add(Zk.retry(FAILOVER, () -> Zk.create(zk, "/ack-" + n, "v" + n)));
        }
        InstanceSpec leader = cluster.awaitLeader(FAILOVER);

        assertTrue(cluster.kill9(leader.id()));
        InstanceSpec next = cluster.awaitLeader(FAILOVER);
        assertNotEquals(leader.id(), next.id());
        ZooKeeper writer = sameSession(zk, session);
        acknowledged.add(Zk.retry(FAILOVER, () -> Zk.create(writer, "/ack-after", "after")));
        cluster.restart(leader.id());
        assertTrue(cluster.awaitEnsemble(FAILOVER), "modes " + cluster.modes());

        for (InstanceSpec s : cluster.getServers()) {
            ZooKeeper each = client(s.connectString());
            for (String path : acknowledged) {
                Zk.retry(FAILOVER, () -> Zk.syncRead(each, path));
            }
        }
    }

    @Test
    void killNineOfTheLeaderUnderAsyncWriteLoadLosesNoAcknowledgedWrite() throws Exception {
        ProcessCluster cluster = started(3);
        awaitEnsemble(cluster);
        ZooKeeper zk = client(cluster.getConnectString());
        Zk.retry(FAILOVER, () -> Zk.create(zk, "/load", ""));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Semaphore inFlight = new Semaphore(64);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get(); i++) {
                inFlight.acquireUninterruptibly();
                zk.create("/load/w" + i, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                        (rc, path, ctx, name) -> {
                            if (rc == 0) {
                                acknowledged.add(name);
                            }
                            inFlight.release();
                        }, null);
            }
        }, "async-writer");
        writer.start();
        try {
            await("writes acknowledged before the kill", () -> acknowledged.size() >= 300);
            InstanceSpec leader = cluster.awaitLeader(FAILOVER);
            assertTrue(cluster.kill9(leader.id()), "kill -9 of the leader while writes are in flight");
            int atKill = acknowledged.size();
            await("writes acknowledged by the new leader", () -> acknowledged.size() >= atKill + 300);
            writing.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(inFlight.tryAcquire(64, 30, TimeUnit.SECONDS), "every write was answered");
            cluster.restart(leader.id());
        } finally {
            writing.set(false);
        }
        assertTrue(cluster.awaitEnsemble(FAILOVER), "modes " + cluster.modes());

        for (InstanceSpec s : cluster.getServers()) {
            ZooKeeper each = client(s.connectString());
            Zk.retry(FAILOVER, () -> Zk.syncRead(each, "/load"));
            Set<String> present = new HashSet<>();
            for (String child : each.getChildren("/load", false)) {
                present.add("/load/" + child);
            }
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(present);
            assertEquals(Set.of(), lost, "acknowledged writes missing on server " + s.id());
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + FAILOVER.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
