package io.warden.server.quorum;

import io.netty.channel.nio.NioEventLoopGroup;
import io.warden.server.pipeline.SerialExecutor;
import io.warden.zab.PersistentState;
import io.warden.zab.Snapshot;
import io.warden.zab.Txn;
import io.warden.zab.ZabConfig;
import io.warden.zab.ZabEvent;
import io.warden.znode.persist.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three peers on real sockets and real data dirs: election, replication, leader failover. */
class QuorumPeerTest {
    @TempDir
    Path dir;

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Node> nodes = new ArrayList<>();

    /** One server: its pipeline thread, data dir, peer and what it applied. */
    static final class Node implements QuorumPeer.Application {
        final long id;
        final SerialExecutor executor;
        final List<String> applied = new CopyOnWriteArrayList<>();
        /** Bytes of filler in each snapshot this node takes; 0: no SNAP is expected. */
        int snapshotPadding;
        volatile long lastZxid;
        volatile byte[] taken;
        volatile byte[] restored;
        Storage storage;
        QuorumPeer peer;
        volatile boolean established;

        Node(long id) {
            this.id = id;
            this.executor = new SerialExecutor("node-" + id, () -> { });
            executor.start();
        }

        @Override
        public void apply(Txn txn) {
            applied.add(new String(txn.payload(), StandardCharsets.UTF_8));
            lastZxid = txn.zxid();
        }

        /** Reads the content while the call lasts: the driver deletes a received SNAP's file after it. */
        @Override
        public void restore(Snapshot snapshot) {
            if (snapshotPadding == 0) {
                throw new AssertionError("no SNAP expected");
            }
            try (InputStream in = snapshot.data().open()) {
                restored = in.readAllBytes();
                DataInputStream content = new DataInputStream(new ByteArrayInputStream(restored));
                List<String> state = new ArrayList<>();
                for (int n = content.readInt(); n > 0; n--) {
                    state.add(content.readUTF());
                }
                applied.clear();
                applied.addAll(state);
                lastZxid = snapshot.zxid();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The applied list, then {@link #snapshotPadding} seeded filler bytes. */
        @Override
        public Snapshot takeSnapshot() {
            if (snapshotPadding == 0) {
                throw new AssertionError("no SNAP expected");
            }
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeInt(applied.size());
                for (String s : applied) {
                    out.writeUTF(s);
                }
                byte[] filler = new byte[snapshotPadding];
                new Random(lastZxid).nextBytes(filler);
                out.write(filler);
                taken = bytes.toByteArray();
                return new Snapshot(lastZxid, taken);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void event(ZabEvent event) {
            if (event instanceof ZabEvent.LeaderEstablished) {
                established = true;
            }
        }

        @Override
        public void frame(long from, PeerFrame frame) {
        }

        boolean isEstablishedLeader() {
            return executor.call(() -> peer.peer().isEstablishedLeader());
        }

        void close() throws IOException {
            peer.close();
            executor.close();
            storage.close();
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Node n : nodes) {
            n.close();
        }
        timer.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private final Map<Long, QuorumPeer.PeerPorts> addresses = new HashMap<>();

    private Node startNode(long id, int snapshotPadding) throws Exception {
        Node n = new Node(id);
        n.snapshotPadding = snapshotPadding;
        n.storage = Storage.open(dir.resolve("s" + id), dir.resolve("s" + id + "-log"));
        PersistentState state = PeerLog.load(n.storage, new byte[0]);
        Map<Long, QuorumPeer.PeerPorts> others = new HashMap<>(addresses);
        others.remove(id);
        n.peer = new QuorumPeer(ZabConfig.of(id, new TreeSet<>(addresses.keySet()), new TreeSet<>()), state,
                n.storage, new QuorumPeer.Endpoints(addresses.get(id), others, 20, 1 << 20), group, n.executor,
                timer, n, new Random(id));
        nodes.add(n);
        n.peer.start();
        return n;
    }

    private void startEnsemble(int size) throws Exception {
        startEnsemble(size, 0);
    }

    private void startEnsemble(int size, int snapshotPadding) throws Exception {
        for (long id = 1; id <= size; id++) {
            addresses.put(id, new QuorumPeer.PeerPorts(new InetSocketAddress("127.0.0.1", freePort()),
                    new InetSocketAddress("127.0.0.1", freePort())));
        }
        TreeSet<Long> voters = new TreeSet<>(addresses.keySet());
        for (long id = 1; id <= size; id++) {
            Node n = new Node(id);
            n.snapshotPadding = snapshotPadding;
            n.storage = Storage.open(dir.resolve("s" + id), dir.resolve("s" + id + "-log"));
            PersistentState state = PeerLog.load(n.storage, new byte[0]);
            Map<Long, QuorumPeer.PeerPorts> others = new HashMap<>(addresses);
            others.remove(id);
            n.peer = new QuorumPeer(ZabConfig.of(id, voters, new TreeSet<>()), state, n.storage,
                    new QuorumPeer.Endpoints(addresses.get(id), others, 20, 1 << 20), group, n.executor, timer, n,
                    new Random(id));
            nodes.add(n);
        }
        for (Node n : nodes) {
            n.peer.start();
        }
    }

    private Node leader() {
        await("an established leader", () -> nodes.stream().anyMatch(Node::isEstablishedLeader));
        return nodes.stream().filter(Node::isEstablishedLeader).findFirst().orElseThrow();
    }

    private long propose(Node leader, String payload) {
        return leader.executor.call(() -> leader.peer.propose(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aThreeNodeEnsembleElectsALeaderAndEveryServerAppliesItsProposalsInOrder() throws Exception {
        startEnsemble(3);
        Node leader = leader();
        for (int i = 0; i < 50; i++) {
            propose(leader, "w" + i);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("w" + i);
        }
        for (Node n : nodes) {
            await("server " + n.id + " applied 50 txns", () -> n.applied.size() >= 50);
            assertEquals(expected, n.applied, "server " + n.id);
        }
    }

    /** Closes a follower of {@code leader} once it has applied {@code value}; it leaves {@code nodes}. */
    private Node closeAFollowerThatApplied(Node leader, String value) throws Exception {
        Node victim = nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        await("victim applied '" + value + "'", () -> victim.applied.contains(value));
        victim.close();
        nodes.remove(victim);
        return victim;
    }

    @Test
    void aClosedServerRestartedFromItsDataDirRejoinsAndCatchesUp() throws Exception {
        startEnsemble(3);
        Node leader = leader();
        propose(leader, "one");
        Node victim = closeAFollowerThatApplied(leader, "one");
        propose(leader, "two");
        Node back = startNode(victim.id, 0);
        await("restarted server applied 'two'", () -> back.applied.contains("two"));
        assertEquals(List.of("one", "two"), back.applied, "history replayed from the leader after restart");
    }

    @Test
    void afterTheLeaderIsClosedTheSurvivorsElectANewLeaderKeepCommittedTxnsAndAcceptWrites() throws Exception {
        startEnsemble(3);
        Node old = leader();
        propose(old, "before");
        for (Node n : nodes) {
            await("server " + n.id + " applied 'before'", () -> n.applied.contains("before"));
        }
        old.close();
        nodes.remove(old);
        Node next = leader();
        assertTrue(next != old);
        propose(next, "after");
        for (Node n : nodes) {
            await("server " + n.id + " applied 'after'", () -> n.applied.contains("after"));
            assertEquals(List.of("before", "after"), n.applied.subList(n.applied.size() - 2, n.applied.size()));
            assertEquals(1, n.applied.stream().filter("before"::equals).count(), "applied once on " + n.id);
        }
    }

    @Test
    void aServerBehindTheLeadersLogRejoinsByASnapLargerThanTheFrameLimitAndTheSpoolEndsEmpty() throws Exception {
        int padding = 3 << 20; // the SNAP content is three times the 1 MiB frame limit
        startEnsemble(3, padding);
        Node leader = leader();
        propose(leader, "one");
        Node victim = closeAFollowerThatApplied(leader, "one");
        propose(leader, "two");
        long three = propose(leader, "three");
        await("leader applied 'three'", () -> leader.applied.contains("three"));
        // The leader's log no longer reaches back to the victim's last entry: only a SNAP can sync it.
        leader.executor.call(() -> {
            leader.peer.peer().compactLog(three);
            return null;
        });
        Path spool = dir.resolve("s" + victim.id).resolve("incoming");
        Path stale = Files.write(spool.resolve("snap-9-left-by-a-crash.spool"), new byte[]{1});

        Node back = startNode(victim.id, padding);
        assertTrue(Files.notExists(stale), "start empties the spool");
        await("restarted server restored the SNAP", () -> back.restored != null);
        await("restarted server holds the leader's state", () -> back.applied.equals(List.of("one", "two", "three")));
        assertEquals(4 + 5 + 5 + 7 + padding, back.restored.length, "count, three UTF strings, filler");
        assertArrayEquals(leader.taken, back.restored, "the content arrived intact");
        await("the spooled SNAP is deleted once installed", () -> filesIn(spool) == 0);
        assertTrue(back.storage.snapshots().listZxids().contains(three), "installed in the snapshot store");
        propose(leader, "four");
        await("restarted server applies new proposals", () -> back.applied.contains("four"));
    }

    private static long filesIn(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
