package io.warden.server.compat;

import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A client that has seen a zxid the server has not reached is refused: the server closes the connection
 * without a ConnectResponse, so the client moves on instead of reading stale data.
 */
class StaleClientRefusedTest extends CompatTestBase {
    private static final int LONG_SESSION_MS = 10_000;

    @Override
    UnaryOperator<ServerConfig.Builder> serverTweaks() {
        return b -> b.maxSessionTimeout(LONG_SESSION_MS);
    }

    @Test
    void rawConnectWithAFutureLastZxidIsClosedWithoutAResponse() throws Exception {
        try (RawZkSocket raw = RawZkSocket.open(server.port())) {
            raw.sendConnect(Long.MAX_VALUE / 2, 4000, 0, new byte[16]);
            assertEquals(0, raw.awaitClosedByServer(), "no ConnectResponse bytes may be sent");
        }
        // and an honest client still gets in
        try (RawZkSocket ok = RawZkSocket.open(server.port())) {
            ok.newSession(4000);
        }
    }

    @Test
    void officialClientAheadOfAFreshServerIsRefusedUntilItFindsItsOwnServerAgain() throws Exception {
        ZooKeeper writer = connect();
        for (int i = 0; i < 20; i++) {
            writer.create("/w" + i, null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        try (ToggleProxy proxy = new ToggleProxy(server.port());
             WardenTestServer fresh = WardenTestServer.start(tmp.resolve("fresh"), serverTweaks())) {
            Events events = new Events();
            ZooKeeper client = connect(proxy.connectString(), LONG_SESSION_MS, events);
            long sessionId = client.getSessionId();
            client.exists("/w19", false); // lastZxidSeen is now past everything the fresh server has

            int before = proxy.relayedConnections();
            proxy.retarget(fresh.port());
            events.awaitState(KeeperState.Disconnected);
            // attempt n+1 starts only after attempt n was turned away
            Poll.until("three connection attempts against the fresh server",
                    () -> proxy.relayedConnections() >= before + 3);
            assertFalse(events.stateHistory().subList(events.stateHistory().lastIndexOf(KeeperState.Disconnected),
                    events.stateHistory().size()).contains(KeeperState.SyncConnected),
                    "the fresh server must not accept a client that has seen newer zxids");

            proxy.retarget(server.port());
            events.awaitState(KeeperState.SyncConnected);
            assertEquals(sessionId, client.getSessionId());
        }
    }
}
