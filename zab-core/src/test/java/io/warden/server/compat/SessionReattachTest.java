package io.warden.server.compat;

import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.ConnectResponse;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions outlive connections and server restarts; closeSession ends them at once; wrong passwords are refused. */
class SessionReattachTest extends CompatTestBase {
    private static final int LONG_SESSION_MS = 10_000;

    @Override
    UnaryOperator<ServerConfig.Builder> serverTweaks() {
        return b -> b.maxSessionTimeout(LONG_SESSION_MS);
    }

    @Test
    void sessionAndEphemeralsSurviveAServerRestartWithinTheTimeout() throws Exception {
        Events events = new Events();
        ZooKeeper zk = connect(server.connectString(), LONG_SESSION_MS, events);
        long sessionId = zk.getSessionId();
        zk.create("/mine", new byte[]{1}, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        zk.create("/durable", new byte[]{2}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        server.restart();
        events.awaitState(KeeperState.Disconnected);
        events.awaitState(KeeperState.SyncConnected);

        assertEquals(sessionId, zk.getSessionId());
        Stat stat = zk.exists("/mine", false);
        assertEquals(sessionId, stat.getEphemeralOwner());
        assertArrayEquals(new byte[]{2}, zk.getData("/durable", false, null));
        zk.create("/mine2", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertEquals(2, zk.getEphemerals().size());

        ZooKeeper other = connect();
        assertNotEquals(sessionId, other.getSessionId());
        assertEquals(sessionId, other.exists("/mine", false).getEphemeralOwner());
    }

    @Test
    void zxidsKeepGrowingAcrossARestart() throws Exception {
        ZooKeeper zk = connect(server.connectString(), LONG_SESSION_MS, new Events());
        Stat before = new Stat();
        zk.create("/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, before);
        zk.close();
        server.restart();
        ZooKeeper again = connect();
        Stat after = new Stat();
        again.create("/b", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, after);
        assertTrue(after.getCzxid() > before.getCzxid(), before.getCzxid() + " then " + after.getCzxid());
        assertEquals(before, again.exists("/a", false));
    }

    @Test
    void sessionMovesToANewConnectionWithTheSameIdAndPassword() throws Exception {
        Events firstEvents = new Events();
        ZooKeeper first = connect(server.connectString(), LONG_SESSION_MS, firstEvents);
        first.create("/moved", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        Events secondEvents = new Events();
        ZooKeeper second = track(new ZooKeeper(server.connectString(), LONG_SESSION_MS, secondEvents,
                first.getSessionId(), first.getSessionPasswd()));
        secondEvents.awaitState(KeeperState.SyncConnected);
        assertEquals(first.getSessionId(), second.getSessionId());
        assertEquals(first.getSessionId(), second.exists("/moved", false).getEphemeralOwner());
        assertEquals(java.util.List.of("/moved"), second.getEphemerals());
    }

    @Test
    void wrongPasswordIsRefusedAndTheSessionLivesOn() throws Exception {
        ZooKeeper owner = connect(server.connectString(), LONG_SESSION_MS, new Events());
        owner.create("/kept", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        byte[] wrong = owner.getSessionPasswd().clone();
        wrong[0] ^= 1;
        try (RawZkSocket raw = RawZkSocket.open(server.port())) {
            ConnectResponse refused = raw.handshake(0, LONG_SESSION_MS, owner.getSessionId(), wrong);
            assertEquals(0, refused.getTimeOut());
            assertEquals(0, refused.getSessionId());
            raw.awaitClosedByServer();
        }
        // the owner may have been bumped off its connection; it reconnects and still owns its session
        Poll.until("owner usable again", () -> owner.exists("/kept", false) != null);
        assertEquals(owner.getSessionId(), owner.exists("/kept", false).getEphemeralOwner());
    }

    @Test
    void closeSessionRemovesEphemeralsBeforeCloseReturns() throws Exception {
        Events events = new Events();
        ZooKeeper observer = connect(events);
        ZooKeeper closer = connect();
        closer.create("/bye", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        closer.create("/bye-seq-", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        observer.exists("/bye", true);
        closer.close();
        assertNull(observer.exists("/bye", false), "close() returned after the ephemerals were gone");
        events.expect(EventType.NodeDeleted, "/bye");
        assertEquals(java.util.List.of("zookeeper"), observer.getChildren("/", false));
    }
}
