package io.warden.server.pipeline;

import io.warden.server.net.ClientPort;
import io.warden.server.config.ServerConfig;
import io.warden.znode.persist.Storage;
import io.warden.znode.tree.ZnodeStore;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Background snapshots taken while a client keeps writing are exact: recovering from any of them plus
 * the log gives the same tree (digest, zxid, node count) as replaying the whole log from scratch, the
 * history of a server that never snapshotted.
 */
@Timeout(120)
class SnapshotUnderLoadTest {
    private static final int OPS = 12_000;

    @TempDir
    Path tmp;

    @Test
    void snapshotsTakenDuringWritesRecoverTheSameTreeAsAServerThatNeverSnapshotted() throws Exception {
        Path snapshotting = tmp.resolve("snapshotting");
        Path never = tmp.resolve("never");
        long digest = runWorkload(snapshotting, 1000);
        assertEquals(digest, runWorkload(never, 10_000_000), "the same requests build the same tree");
        assertTrue(files(never, "snapshot.").isEmpty());

        List<Path> snapshots = files(snapshotting, "snapshot.");
        assertTrue(snapshots.size() >= 3, "snapshots were taken while the client wrote: " + snapshots);
        ZnodeStore neverRestarted = recover(never);
        assertEquals(digest, neverRestarted.digest());
        assertTrue(neverRestarted.nodeCount() > 1000);
        assertSameTree(neverRestarted, recover(snapshotting), "restart from the newest snapshot");
        List<Path> logs = files(snapshotting, "log.");
        for (Path snap : snapshots) {
            ZnodeStore viaSnapshot = recover(logs, snap, tmp.resolve("via-" + snap.getFileName()));
            assertSameTree(neverRestarted, viaSnapshot, "recovery through " + snap.getFileName());
        }
    }

    /**
     * Runs the workload against a fresh server in {@code dataDir} with a fixed clock (so timestamps and
     * session ids repeat) and returns its tree digest before it stops.
     */
    private static long runWorkload(Path dataDir, int snapCount) throws Exception {
        ServerConfig config = ServerConfig.builder().dataDir(dataDir).clientPort(0)
                .clientPortAddress(InetAddress.getLoopbackAddress()).tickTime(20).maxSessionTimeout(30_000)
                .snapCount(snapCount).snapRetainCount(1000).build();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        StandalonePipeline pipeline = StandalonePipeline.open(config, clock, 60_000);
        ClientPort port = new ClientPort(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                config.juteMaxBuffer(), 0, code -> false, pipeline.requests(), clock::millis);
        try {
            port.start();
            pipeline.attachPort(port);
            write("127.0.0.1:" + port.localAddress().getPort());
            return pipeline.digest();
        } finally {
            port.close();
            pipeline.close();
        }
    }

    /** Pipelined async creates (plain, sequential, ephemeral), setData and deletes from one session. */
    private static void write(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 30_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertTrue(connected.await(10, TimeUnit.SECONDS), "connected");
            zk.create("/t", new byte[0], OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            Semaphore window = new Semaphore(200);
            AtomicInteger done = new AtomicInteger();
            AsyncCallback.StringCallback created = (rc, path, ctx, name) -> finish(window, done);
            AsyncCallback.StatCallback set = (rc, path, ctx, stat) -> finish(window, done);
            AsyncCallback.VoidCallback deleted = (rc, path, ctx) -> finish(window, done);
            byte[] data = new byte[200];
            for (int i = 0; i < OPS; i++) {
                window.acquire();
                data[i % data.length]++;
                if (i % 7 == 6) {
                    zk.delete("/t/n" + (i - 3), -1, deleted, null);
                } else if (i % 5 == 4) {
                    zk.setData("/t/n" + (i - 1), data.clone(), -1, set, null);
                } else if (i % 3 == 2) {
                    zk.create("/t/seq-", data.clone(), OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, created, null);
                } else if (i % 11 == 10) {
                    zk.create("/t/e" + i, data.clone(), OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, created, null);
                } else {
                    zk.create("/t/n" + i, data.clone(), OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created, null);
                }
            }
            assertTrue(window.tryAcquire(200, 60, TimeUnit.SECONDS), "every request answered");
            assertEquals(OPS, done.get());
        } finally {
            zk.close();
        }
    }

    private static void finish(Semaphore window, AtomicInteger done) {
        done.incrementAndGet();
        window.release();
    }

    private static void assertSameTree(ZnodeStore expected, ZnodeStore actual, String what) {
        assertEquals(expected.lastProcessedZxid(), actual.lastProcessedZxid(), what + ": zxid");
        assertEquals(expected.nodeCount(), actual.nodeCount(), what + ": node count");
        assertEquals(expected.digest(), actual.digest(), what + ": digest");
        assertEquals(expected.childrenOf("/t"), actual.childrenOf("/t"), what + ": children of /t");
        assertEquals(expected.sessions(), actual.sessions(), what + ": sessions");
    }

    /** A data dir holding copies of {@code logs} and (optionally) one snapshot, recovered. */
    private static ZnodeStore recover(List<Path> logs, Path snapshot, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path log : logs) {
            Files.copy(log, dir.resolve(log.getFileName()));
        }
        if (snapshot != null) {
            Files.copy(snapshot, dir.resolve(snapshot.getFileName()));
        }
        return recover(dir);
    }

    private static ZnodeStore recover(Path dir) throws IOException {
        try (Storage storage = Storage.open(dir, dir)) {
            return StoreRecovery.recover(storage);
        }
    }

    private static List<Path> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
    }
}
