package io.warden.server.ensemble;

import io.warden.server.admin.ServerMode;
import org.apache.zookeeper.AsyncCallback.StringCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.warden.server.ensemble.EnsembleReplicationTest.connect;
import static io.warden.server.ensemble.EnsembleReplicationTest.sync;
import static io.warden.server.ensemble.RawFrames.readFrame;
import static io.warden.server.ensemble.RawFrames.writeFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions, leader failover, observers and quorum loss on in-process ensembles. */
class EnsembleFailureTest extends EnsembleTestBase {


    @Test
    void theEphemeralsOfAnExpiredSessionDisappearFromEveryServer() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).startAll();
        long leader = ensemble.awaitLeader();
        long follower = leader == 1 ? 2 : 1;
        InetSocketAddress address = ensemble.server(follower).clientAddress();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), address.getPort())) {
            s.setSoTimeout(10_000);
            writeFrame(s, new ConnectRequest(0, 0L, 1000, 0L, new byte[16], false));
            ConnectResponse session = new ConnectResponse();
            session.deserialize(readFrame(s), "r");
            assertNotEquals(0, session.getSessionId(), "session created through a follower");
            writeFrame(s, new RequestHeader(1, ZooDefs.OpCode.create), new CreateRequest("/owned", new byte[0],
                    ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL.toFlag()));
            ReplyHeader reply = new ReplyHeader();
            reply.deserialize(readFrame(s), "r");
            assertEquals(0, reply.getErr(), "ephemeral created");
            for (long id = 1; id <= 3; id++) {
                ZooKeeper zk = connect(ensemble.connectString(id), 4000, clients);
                sync(zk, "/owned");
                assertNotNull(zk.exists("/owned", false), "ephemeral present on server " + id);
            }
        } // the socket closes without closeSession: the leader expires the session
        for (ZooKeeper zk : clients) {
            LocalEnsemble.until("the ephemeral is gone on " + zk, Duration.ofSeconds(10), () -> {
                sync(zk, "/owned");
                return zk.exists("/owned", false) == null;
            });
        }
    }

    /** Writers that each keep one create in flight and remember every acknowledged path. */
    private static final class Writers {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();

        void start(ZooKeeper zk, String prefix) {
            next(zk, prefix, new AtomicInteger());
        }

        private void next(ZooKeeper zk, String prefix, AtomicInteger counter) {
            if (!running.get()) {
                return;
            }
            inFlight.incrementAndGet();
            StringCallback cb = (rc, path, ctx, name) -> {
                if (rc == 0) {
                    acked.add(path);
                } else {
                    errors.incrementAndGet();
                }
                inFlight.decrementAndGet();
                next(zk, prefix, counter);
            };
            zk.create("/load/" + prefix + "-" + counter.incrementAndGet(), new byte[8], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT, cb, null);
        }
    }

    private void assertHasAll(long server, Set<String> acked) throws Exception {
        ZooKeeper zk = connect(ensemble.connectString(server), 4000, clients);
        sync(zk, "/load");
        Set<String> present = new HashSet<>();
        for (String child : zk.getChildren("/load", false)) {
            present.add("/load/" + child);
        }
        Set<String> missing = new HashSet<>(acked);
        missing.removeAll(present);
        assertTrue(missing.isEmpty(), "server " + server + " lost acknowledged writes " + missing);
    }

    @Test
    void killingTheLeaderUnderLoadElectsANewOneLosesNoAcknowledgedWriteAndTheOldLeaderRejoins() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).startAll();
        long oldLeader = ensemble.awaitLeader();
        connect(ensemble.connectString(oldLeader), 4000, clients)
                .create("/load", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Writers writers = new Writers();
        for (long id = 1; id <= 3; id++) {
            writers.start(connect(ensemble.connectStringAll(), 4000, clients), "w" + id);
        }
        LocalEnsemble.until("100 acknowledged writes", Duration.ofSeconds(10), () -> writers.acked.size() >= 100);
        ensemble.kill(oldLeader);
        int atKill = writers.acked.size();
        long newLeader = ensemble.awaitLeader();
        assertNotEquals(oldLeader, newLeader);
        LocalEnsemble.until("writes resume under the new leader", Duration.ofSeconds(20),
                () -> writers.acked.size() >= atKill + 100);
        writers.running.set(false);
        LocalEnsemble.until("writers drained", Duration.ofSeconds(10), () -> writers.inFlight.get() == 0);
        for (long id : ensemble.runningIds()) {
            assertHasAll(id, writers.acked);
        }
        ensemble.start(oldLeader);
        assertEquals(newLeader, ensemble.awaitLeader());
        assertEquals(ServerMode.FOLLOWER, ensemble.server(oldLeader).mode());
        assertHasAll(oldLeader, writers.acked);
        LocalEnsemble.until("the rejoined server holds the same tree", Duration.ofSeconds(10),
                () -> ensemble.member(oldLeader).digest() == ensemble.member(newLeader).digest());
    }

    @Test
    void anObserverServesReadsAndItsDeathNeverBlocksWrites() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 1).startAll();
        long leader = ensemble.awaitLeader();
        assertEquals(ServerMode.OBSERVER, ensemble.server(4).mode());
        ZooKeeper viaObserver = connect(ensemble.connectString(4), 4000, clients);
        viaObserver.create("/seen", "x".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        long follower = leader == 1 ? 2 : 1;
        ZooKeeper viaFollower = connect(ensemble.connectString(follower), 4000, clients);
        viaFollower.setData("/seen", "y".getBytes(), 0);
        sync(viaObserver, "/seen");
        assertEquals("y", new String(viaObserver.getData("/seen", false, null)));
        ensemble.kill(4);
        for (int i = 0; i < 20; i++) {
            viaFollower.create("/after-observer-" + i, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        assertNotNull(viaFollower.exists("/after-observer-19", false));
    }

    @Test
    void aFiveNodeEnsembleSurvivesTwoFailuresAndRefusesClientsWithThreeDown() throws Exception {
        ensemble = new LocalEnsemble(dir, 5, 0).startAll();
        long first = ensemble.awaitLeader();
        ensemble.kill(first);
        ensemble.kill(first == 1 ? 2 : 1);
        long second = ensemble.awaitLeader();
        long survivor = ensemble.runningIds().stream().filter(id -> id != second).findFirst().orElseThrow();
        ZooKeeper client = connect(ensemble.connectString(survivor), 4000, clients);
        client.create("/with-three", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        ensemble.kill(second);
        LocalEnsemble.until("the minority stops serving", Duration.ofSeconds(10),
                () -> ensemble.runningIds().stream().noneMatch(id -> ensemble.member(id).isServing()));
        assertThrows(KeeperException.ConnectionLossException.class, () -> client.create("/with-two", new byte[0],
                ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @Test
    void aLeaderWhoseFollowersDieStepsDownAtOnceInsteadOfWaitingOutSyncLimit() throws Exception {
        // syncLimit is a minute: only the closed quorum links can make the leader give up in time.
        ensemble = new LocalEnsemble(dir, 3, 0).syncLimit(600).startAll();
        long leader = ensemble.awaitLeader();
        ZooKeeper client = connect(ensemble.connectString(leader), 4000, clients);
        client.create("/before", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (long id : Set.copyOf(ensemble.runningIds())) {
            if (id != leader) {
                ensemble.kill(id);
            }
        }
        LocalEnsemble.until("the leader without a quorum stops serving", Duration.ofSeconds(15),
                () -> !ensemble.member(leader).isServing());
        assertThrows(KeeperException.ConnectionLossException.class, () -> client.create("/alone", new byte[0],
                ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @Test
    void writesForwardedByAFollowerWhenTheLeaderDiesEndInAClosedConnectionNeverAHang() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).startAll();
        long leader = ensemble.awaitLeader();
        long follower = leader == 1 ? 2 : 1;
        InetSocketAddress address = ensemble.server(follower).clientAddress();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), address.getPort())) {
            s.setSoTimeout(15_000); // a hang fails the read below instead of blocking the build
            writeFrame(s, new ConnectRequest(0, 0L, 4000, 0L, new byte[16], false));
            new ConnectResponse().deserialize(readFrame(s), "r");
            for (int i = 1; i <= 200; i++) { // pipelined: many are in flight to the leader when it dies
                writeFrame(s, new RequestHeader(i, ZooDefs.OpCode.create), new CreateRequest("/inflight-" + i,
                        new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT.toFlag()));
            }
            ensemble.kill(leader);
            boolean closed = false;
            for (int answered = 0; answered < 200 && !closed; answered++) {
                try {
                    ReplyHeader reply = new ReplyHeader();
                    reply.deserialize(readFrame(s), "r");
                    assertEquals(0, reply.getErr(), "a write is answered only when it succeeded");
                } catch (java.io.EOFException | java.net.SocketException e) {
                    closed = true; // the follower left FOLLOWING: the client sees connection loss
                }
            }
            if (!closed) { // every write made it before the kill; the connection must still close
                IOException end = assertThrows(IOException.class, () -> readFrame(s));
                assertFalse(end instanceof java.net.SocketTimeoutException, "the connection hung: " + end);
            }
        }
    }
}
