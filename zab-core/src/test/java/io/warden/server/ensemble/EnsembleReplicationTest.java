package io.warden.server.ensemble;

import io.warden.server.admin.ServerMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 3-node in-process ensemble driven by the official ZooKeeper 3.9.3 client. */
class EnsembleReplicationTest extends EnsembleTestBase {

    static ZooKeeper connect(String connectString, int timeoutMs, List<ZooKeeper> registry)
            throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, timeoutMs, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        registry.add(zk);
        assertTrue(connected.await(15, TimeUnit.SECONDS), "connected to " + connectString);
        return zk;
    }

    static void sync(ZooKeeper zk, String path) throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        zk.sync(path, (rc, p, ctx) -> done.complete(rc), null);
        assertEquals(0, done.get(10, TimeUnit.SECONDS), "sync rc");
    }

    @Test
    void aWriteOnOneServerIsReadOnEveryOtherServerAfterSync() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).startAll();
        ensemble.awaitLeader();
        ZooKeeper[] zk = new ZooKeeper[3];
        for (int i = 0; i < 3; i++) {
            zk[i] = connect(ensemble.connectString(i + 1), 4000, clients);
        }
        for (int writer = 0; writer < 3; writer++) {
            String path = "/from-" + (writer + 1);
            byte[] data = ("written on " + (writer + 1)).getBytes(StandardCharsets.UTF_8);
            zk[writer].create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk[writer].setData(path, data, 0);
            for (int reader = 0; reader < 3; reader++) {
                sync(zk[reader], path);
                Stat stat = new Stat();
                assertArrayEquals(data, zk[reader].getData(path, false, stat), "read on server " + (reader + 1));
                assertEquals(1, stat.getVersion());
            }
        }
        long leader = ensemble.awaitLeader();
        assertEquals(ServerMode.LEADER, ensemble.server(leader).mode());
        for (long id = 1; id <= 3; id++) {
            if (id != leader) {
                assertEquals(ServerMode.FOLLOWER, ensemble.server(id).mode());
            }
        }
        LocalEnsemble.until("every member applied the same history", Duration.ofSeconds(10), () ->
                ensemble.member(1).digest() == ensemble.member(2).digest()
                        && ensemble.member(2).digest() == ensemble.member(3).digest());
    }

    @Test
    void aSessionsOwnWriteIsVisibleToItsNextReadOnAFollower() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).startAll();
        long leader = ensemble.awaitLeader();
        long follower = leader == 1 ? 2 : 1;
        ZooKeeper zk = connect(ensemble.connectString(follower), 4000, clients);
        for (int i = 0; i < 50; i++) {
            String path = "/fifo-" + i;
            CompletableFuture<Integer> created = new CompletableFuture<>();
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    (rc, p, ctx, name) -> created.complete(rc), null);
            assertNotNull(zk.exists(path, false), "own write visible at once on a follower: " + path);
            assertEquals(0, created.get(5, TimeUnit.SECONDS));
        }
        zk.delete("/fifo-0", -1);
        assertNull(zk.exists("/fifo-0", false));
    }
}
