package io.warden.server.ensemble;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.warden.server.ensemble.EnsembleReplicationTest.connect;
import static io.warden.server.ensemble.EnsembleReplicationTest.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restarts from snapshot + log, whole-ensemble restarts, and the four-letter words of each role. */
class EnsembleRecoveryTest extends EnsembleTestBase {

    private void createMany(ZooKeeper zk, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            zk.create("/n" + i, ("v" + i).getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
    }

    private int countOn(long server) throws Exception {
        ZooKeeper zk = connect(ensemble.connectString(server), 4000, clients);
        sync(zk, "/");
        return (int) zk.getChildren("/", false).stream().filter(c -> c.startsWith("n")).count();
    }

    private static long snapshotFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot")).count();
        }
    }

    @Test
    void aFollowerRestartedFromItsSnapshotsAndLogCatchesUpAndTheWholeEnsembleRestartsWithItsData() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).snapCount(20).startAll();
        long leader = ensemble.awaitLeader();
        long follower = leader == 1 ? 2 : 1;
        createMany(connect(ensemble.connectString(follower), 4000, clients), 0, 150);
        LocalEnsemble.until("snapshots written", Duration.ofSeconds(10),
                () -> snapshotFiles(dir.resolve("server-" + follower)) > 0);
        ensemble.kill(follower);
        createMany(connect(ensemble.connectString(leader), 4000, clients), 150, 200);
        ensemble.start(follower);
        ensemble.awaitLeader();
        assertEquals(200, countOn(follower));
        LocalEnsemble.until("same tree on the restarted follower", Duration.ofSeconds(10),
                () -> ensemble.member(follower).digest() == ensemble.member(leader).digest());
        for (ZooKeeper zk : clients) {
            zk.close(1000);
        }
        clients.clear();
        ensemble.close();
        ensemble.startAll();
        ensemble.awaitLeader();
        for (long id = 1; id <= 3; id++) {
            assertEquals(200, countOn(id), "server " + id + " after a whole-ensemble restart");
        }
    }

    @Test
    void snapshotsStreamedWhileWritesContinueRestoreTheExactTreeOnEveryMember() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).snapCount(40).startAll();
        long leader = ensemble.awaitLeader();
        ZooKeeper zk = connect(ensemble.connectString(leader), 4000, clients);
        byte[] payload = new byte[1024];
        CountDownLatch done = new CountDownLatch(3000);
        AtomicInteger failed = new AtomicInteger();
        AsyncCallback.StringCallback created = (rc, path, ctx, name) -> {
            if (rc != 0) {
                failed.incrementAndGet();
            }
            done.countDown();
        };
        for (int i = 0; i < 1500; i++) {
            // sequential creates and deletes: the txns a fuzzy snapshot would get wrong
            zk.create("/s-", payload, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, created, null);
            zk.create("/d" + i, payload, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created, null);
            if (i % 3 == 0 && i > 0) {
                zk.delete("/d" + (i - 1), -1, (rc, path, ctx) -> { }, null);
            }
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "every write acknowledged");
        assertEquals(0, failed.get());
        sync(zk, "/");
        for (long id = 1; id <= 3; id++) {
            long server = id;
            LocalEnsemble.until("server " + id + " level with the leader", Duration.ofSeconds(20),
                    () -> ensemble.member(server).digest() == ensemble.member(leader).digest());
            assertTrue(snapshotFiles(dir.resolve("server-" + id)) > 0, "server " + id + " took snapshots");
        }
        long before = ensemble.member(leader).digest();
        for (ZooKeeper c : clients) {
            c.close(1000);
        }
        clients.clear();
        ensemble.close();
        ensemble.startAll();
        ensemble.awaitLeader();
        for (long id = 1; id <= 3; id++) {
            long server = id;
            LocalEnsemble.until("server " + id + " restored the same tree", Duration.ofSeconds(20),
                    () -> ensemble.member(server).digest() == before);
        }
    }

    @Test
    void anEnsembleMembersDataDirStartsAsAStandaloneServerWithItsData() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).startAll(); // no snapshot: every record, createSession with its password too, stays in the log
        long leader = ensemble.awaitLeader();
        ZooKeeper zk = connect(ensemble.connectString(leader), 4000, clients);
        createMany(zk, 0, 100);
        // a session created after the last snapshot: its createSession record (password included) is in the log
        connect(ensemble.connectString(leader), 4000, clients)
                .create("/late", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        try (io.warden.server.WardenServer server = standaloneFrom(leader)) {
            ZooKeeper reader = connect(server.connectString(), 4000, clients);
            assertEquals(100, reader.getChildren("/", false).stream().filter(c -> c.startsWith("n")).count());
            assertTrue(reader.exists("/late", false) != null);
        }
    }

    /** Closes every client and member, then starts member {@code id}'s data dir as a standalone server. */
    private io.warden.server.WardenServer standaloneFrom(long id) throws Exception {
        for (ZooKeeper c : clients) {
            c.close(1000);
        }
        clients.clear();
        ensemble.close();
        ensemble = null;
        io.warden.server.config.ServerConfig standalone = io.warden.server.config.ServerConfig.builder()
                .tickTime(LocalEnsemble.TICK_MS).dataDir(dir.resolve("server-" + id))
                .clientPortAddress(java.net.InetAddress.getLoopbackAddress()).clientPort(0).build();
        return io.warden.server.WardenServer.start(standalone);
    }

    @Test
    void anEnsembleMembersSnapshotWithItsSessionPasswordsStartsAsAStandaloneServer() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).snapCount(20).startAll();
        long leader = ensemble.awaitLeader();
        ZooKeeper zk = connect(ensemble.connectString(leader), 4000, clients); // a live session: a password
        createMany(zk, 0, 150);                                                  // in every snapshot
        LocalEnsemble.until("snapshots written", Duration.ofSeconds(10),
                () -> snapshotFiles(dir.resolve("server-" + leader)) > 0);
        try (io.warden.server.WardenServer server = standaloneFrom(leader)) {
            ZooKeeper reader = connect(server.connectString(), 4000, clients);
            assertEquals(150, reader.getChildren("/", false).stream().filter(c -> c.startsWith("n")).count());
            assertEquals("v149", new String(reader.getData("/n149", false, null), StandardCharsets.UTF_8));
        }
    }

    private String fourLetterWord(long server, String word) throws IOException {
        int port = ensemble.server(server).clientAddress().getPort();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void srvrAndMntrReportEachMembersRoleAndTheLeaderCountsItsSyncedLearners() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 1).startAll();
        long leader = ensemble.awaitLeader();
        LocalEnsemble.until("leader reports 2 synced followers and 1 synced observer", Duration.ofSeconds(10), () -> {
            String mntr = fourLetterWord(leader, "mntr");
            return mntr.contains("zk_synced_followers\t2") && mntr.contains("zk_synced_observers\t1");
        });
        String mntr = fourLetterWord(leader, "mntr");
        assertTrue(mntr.contains("zk_server_state\tleader"), mntr);
        assertTrue(mntr.contains("zk_learners\t3"), mntr);
        assertTrue(mntr.contains("zk_pending_syncs\t0"), mntr);
        assertTrue(fourLetterWord(leader, "srvr").contains("Mode: leader"));
        for (long id = 1; id <= 3; id++) {
            if (id != leader) {
                assertTrue(fourLetterWord(id, "srvr").contains("Mode: follower"), "server " + id);
                assertTrue(fourLetterWord(id, "mntr").contains("zk_server_state\tfollower"), "server " + id);
            }
        }
        assertTrue(fourLetterWord(4, "srvr").contains("Mode: observer"));
    }
}
