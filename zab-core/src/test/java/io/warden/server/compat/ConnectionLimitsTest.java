package io.warden.server.compat;

import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Configured limits with the official client: a request over jute.maxbuffer costs the sender its
 * connection (not its session) and stores nothing; maxClientCnxns caps connections per IP.
 */
class ConnectionLimitsTest extends CompatTestBase {
    private static final int MAX_BUFFER = 4096;
    private static final int MAX_CNXNS = 3;

    @Override
    UnaryOperator<ServerConfig.Builder> serverTweaks() {
        return b -> b.juteMaxBuffer(MAX_BUFFER).maxClientCnxns(MAX_CNXNS);
    }

    @Test
    void requestOverJuteMaxBufferLosesTheConnectionButNotTheSession() throws Exception {
        Events events = new Events();
        ZooKeeper zk = connect(events);
        long session = zk.getSessionId();
        zk.create("/mine", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertThrows(KeeperException.ConnectionLossException.class,
                () -> zk.create("/big", new byte[2 * MAX_BUFFER], OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        events.awaitState(KeeperState.SyncConnected);
        assertEquals(session, zk.getSessionId());
        assertNull(zk.exists("/big", false));
        assertEquals(session, zk.exists("/mine", false).getEphemeralOwner());
        zk.create("/small", new byte[MAX_BUFFER / 2], OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertArrayEquals(new byte[MAX_BUFFER / 2], zk.getData("/small", false, null));
    }

    @Test
    void connectionsBeyondMaxClientCnxnsPerIpAreClosed() throws Exception {
        ZooKeeper first = connect();
        try (RawZkSocket second = RawZkSocket.open(server.port());
             RawZkSocket third = RawZkSocket.open(server.port());
             RawZkSocket fourth = RawZkSocket.open(server.port())) {
            second.newSession(4000);
            third.newSession(4000);
            fourth.sendConnect(0, 4000, 0, new byte[16]);
            assertEquals(0, fourth.awaitClosedByServer(), "the connection over the limit gets no response");
        }
        // closing connections frees slots again
        Poll.until("a slot is free again", () -> {
            try (RawZkSocket again = RawZkSocket.open(server.port())) {
                again.newSession(4000);
                return true;
            }
        });
        first.create("/still-works", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }
}
