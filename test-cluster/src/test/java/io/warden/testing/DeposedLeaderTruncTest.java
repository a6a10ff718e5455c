package io.warden.testing;

import io.warden.server.ensemble.EnsembleMember;
import io.warden.zab.ZabEvent.SyncKind;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.warden.testing.EnsembleGuard.awaitEnsemble;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A leader cut off by a partition nobody notices logs a proposal it can never commit; after it dies
 * the others elect a new leader and move on, and when it comes back it is brought level by TRUNC:
 * its uncommitted write appears on no server (ZAB synchronization phase).
 */
class DeposedLeaderTruncTest {
    private static final Duration CONNECT = Duration.ofSeconds(20);

    private final Opened opened = new Opened();

    @AfterEach
    void tearDown() throws Exception {
        opened.close();
    }

    private ZooKeeper client(String connectString) throws Exception {
        return opened.client(connectString, CONNECT);
    }

    private static EnsembleMember member(TestingCluster cluster, int id) {
        return cluster.server(id).orElseThrow().ensemble().orElseThrow();
    }

    private static void until(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void aSilentlyPartitionedLeadersUncommittedWriteIsTruncatedWhenItRejoinsAndAppearsNowhere() throws Exception {
        TestingCluster cluster = new TestingCluster(3);
        opened.track(cluster);
        cluster.start();
        awaitEnsemble(cluster);
        int old = cluster.leader().orElseThrow().id();
        ZooKeeper onOld = client(cluster.getInstance(old).connectString());
        Zk.create(onOld, "/committed", "c");

        cluster.isolateSilently(old);
        AtomicInteger rc = new AtomicInteger(Integer.MIN_VALUE);
        onOld.create("/uncommitted", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                (code, path, ctx, name) -> rc.set(code), null);
        until("the cut-off leader logged a proposal it cannot commit",
                () -> member(cluster, old).lastLoggedZxid() > member(cluster, old).lastZxid());
        cluster.killServer(old);
        cluster.heal();

        int next = cluster.awaitLeader(Duration.ofSeconds(30)).id();
        assertNotEquals(old, next);
        Zk.retry(CONNECT, () -> Zk.create(client(cluster.getInstance(next).connectString()), "/after", "a"));
        cluster.restartServer(old);
        awaitEnsemble(cluster);
        assertEquals(next, cluster.leader().orElseThrow().id(), "the survivors' leader keeps leading");
        until("the old leader synchronized", () -> member(cluster, old).lastSync() != null
                && member(cluster, old).isServing());
        assertEquals(SyncKind.TRUNC, member(cluster, old).lastSync(), "how the deposed leader was brought level");
        assertNotEquals(0, rc.get(), "the uncommitted write was never acknowledged");

        for (InstanceSpec s : cluster.getServers()) {
            ZooKeeper zk = client(s.connectString());
            assertEquals("a", Zk.retry(CONNECT, () -> Zk.syncRead(zk, "/after")));
            assertNull(zk.exists("/uncommitted", false), "the deposed leader's tail is gone on server " + s.id());
            assertNotNull(zk.exists("/committed", false));
        }
    }
}
