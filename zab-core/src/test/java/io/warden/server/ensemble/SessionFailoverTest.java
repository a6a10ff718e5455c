package io.warden.server.ensemble;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.warden.server.ensemble.EnsembleReplicationTest.connect;
import static io.warden.server.ensemble.EnsembleReplicationTest.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session moves between members (by choice or because its server died) and keeps its id, ephemerals and watches. */
class SessionFailoverTest extends EnsembleTestBase {

    /** Every state the client went through, in order. */
    private static final class States implements Watcher {
        final Queue<Event.KeeperState> seen = new ConcurrentLinkedQueue<>();

        @Override
        public void process(WatchedEvent event) {
            if (event.getType() == Event.EventType.None) {
                seen.add(event.getState());
            }
        }

        boolean expired() {
            return seen.contains(Event.KeeperState.Expired);
        }
    }

    @Test
    void aSessionCreatedOnOneMemberReattachesOnAnotherWhoseServerLinesDiffer() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).peersByName().startAll();
        ensemble.awaitLeader();
        ZooKeeper first = connect(ensemble.connectString(1), 4000, clients);
        first.create("/mine", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        for (long other = 2; other <= 3; other++) {
            States states = new States();
            ZooKeeper moved = new ZooKeeper(ensemble.connectString(other), 4000, states, first.getSessionId(),
                    first.getSessionPasswd());
            clients.add(moved);
            long server = other;
            LocalEnsemble.until("the session re-attached on server " + other, Duration.ofSeconds(10),
                    () -> states.seen.contains(Watcher.Event.KeeperState.SyncConnected) || states.expired());
            assertFalse(states.expired(), "server " + server + " refused a live session: " + states.seen);
            assertEquals(first.getSessionId(), moved.getSessionId());
            sync(moved, "/mine");
            Stat stat = moved.exists("/mine", false);
            assertNotNull(stat, "the ephemeral is there on server " + other);
            assertEquals(first.getSessionId(), stat.getEphemeralOwner());
        }
    }

    @Test
    void theClientsSessionSurvivesALeaderKillWithItsEphemeralAndItsWatch() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).peersByName().startAll();
        long leader = ensemble.awaitLeader();
        List<java.net.InetSocketAddress> order = new ArrayList<>();
        order.add(ensemble.server(leader).clientAddress());
        for (long id = 1; id <= 3; id++) {
            if (id != leader) {
                order.add(ensemble.server(id).clientAddress());
            }
        }
        States states = new States();
        ZooKeeper zk = new ZooKeeper(ensemble.connectStringAll(), 4000, states, false, new OrderedHosts(order));
        clients.add(zk);
        LocalEnsemble.until("connected to the leader", Duration.ofSeconds(10),
                () -> states.seen.contains(Watcher.Event.KeeperState.SyncConnected));
        long session = zk.getSessionId();
        zk.create("/eph", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        CountDownLatch created = new CountDownLatch(1);
        zk.exists("/later", e -> {
            if (e.getType() == Watcher.Event.EventType.NodeCreated) {
                created.countDown();
            }
        });

        ensemble.kill(leader);
        ensemble.awaitLeader();
        LocalEnsemble.until("the client reconnected or lost its session", Duration.ofSeconds(15), () ->
                states.expired() || states.seen.stream().filter(s -> s == Watcher.Event.KeeperState.SyncConnected)
                        .count() >= 2);
        assertFalse(states.expired(), "the session expired across the failover: " + states.seen);
        assertEquals(session, zk.getSessionId());
        for (long id : ensemble.runningIds()) {
            ZooKeeper other = connect(ensemble.connectString(id), 4000, clients);
            sync(other, "/eph");
            Stat stat = other.exists("/eph", false);
            assertNotNull(stat, "the ephemeral survived on server " + id);
            assertEquals(session, stat.getEphemeralOwner());
        }
        connect(ensemble.connectString(ensemble.awaitLeader()), 4000, clients)
                .create("/later", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertTrue(created.await(10, TimeUnit.SECONDS), "the watch set before the failover fired after it");
    }

    private static States reattach(String connectString, long id, byte[] password, List<ZooKeeper> registry)
            throws Exception {
        States states = new States();
        registry.add(new ZooKeeper(connectString, 4000, states, id, password));
        LocalEnsemble.until("an answer to the re-attach", Duration.ofSeconds(10),
                () -> states.seen.contains(Watcher.Event.KeeperState.SyncConnected) || states.expired());
        return states;
    }

    @Test
    void aWrongPasswordOrAnUnknownSessionIsRefusedOnEveryMember() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).peersByName().startAll();
        ensemble.awaitLeader();
        ZooKeeper owner = connect(ensemble.connectString(1), 4000, clients);
        byte[] wrong = owner.getSessionPasswd().clone();
        wrong[0] ^= 1;
        for (long id = 1; id <= 3; id++) {
            assertTrue(reattach(ensemble.connectString(id), owner.getSessionId(), wrong, clients).expired(),
                    "wrong password refused on server " + id);
            assertTrue(reattach(ensemble.connectString(id), owner.getSessionId() + 7, owner.getSessionPasswd(),
                    clients).expired(), "unknown session refused on server " + id);
        }
        owner.create("/still-mine", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertNotNull(owner.exists("/still-mine", false), "failed attempts did not disturb the owner");
    }

    @Test
    void aSessionsPasswordSurvivesSnapshotsAndAWholeEnsembleRestart() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).peersByName().snapCount(4).startAll();
        ensemble.awaitLeader();
        ZooKeeper zk = connect(ensemble.connectString(2), 4000, clients);
        long session = zk.getSessionId();
        byte[] password = zk.getSessionPasswd();
        zk.create("/eph", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        for (int i = 0; i < 20; i++) { // several snapshots on every member, the log compacted behind them
            zk.create("/n-" + i, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        for (long id = 1; id <= 3; id++) {
            ensemble.kill(id); // the client stays open, so the session is not closed
        }
        for (long id = 1; id <= 3; id++) {
            ensemble.start(id);
        }
        ensemble.awaitLeader();
        for (long id = 1; id <= 3; id++) {
            States states = reattach(ensemble.connectString(id), session, password, clients);
            assertFalse(states.expired(), "server " + id + " refused the session after the restart");
        }
        ZooKeeper check = connect(ensemble.connectString(3), 4000, clients);
        sync(check, "/eph");
        assertEquals(session, check.exists("/eph", false).getEphemeralOwner());
    }
}
