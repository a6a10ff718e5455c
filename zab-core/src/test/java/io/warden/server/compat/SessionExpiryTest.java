package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-side session expiry with tickTime 200 ms: ephemerals are deleted, other sessions' watchers are
 * told, and the expired client learns it is Expired. Also the timeout negotiation bounds.
 */
class SessionExpiryTest extends CompatTestBase {
    private static final int SHORT_SESSION_MS = 1000;

    @Test
    void silentRawSessionExpiresAndItsEphemeralIsDeletedWithWatchersTold() throws Exception {
        Events events = new Events();
        ZooKeeper observer = connect(events);
        try (RawZkSocket raw = RawZkSocket.open(server.port())) {
            ConnectResponse session = raw.newSession(SHORT_SESSION_MS);
            assertEquals(SHORT_SESSION_MS, session.getTimeOut());
            ReplyHeader created = raw.request(1, 1, new CreateRequest("/eph", new byte[]{1}, OPEN_ACL_UNSAFE, 1));
            assertEquals(0, created.getErr());
            assertEquals(session.getSessionId(), observer.exists("/eph", true).getEphemeralOwner());

            long silentSince = System.nanoTime();
            // the raw client now says nothing, not even pings
            events.expect(EventType.NodeDeleted, "/eph");
            long waitedMs = Duration.ofNanos(System.nanoTime() - silentSince).toMillis();
            assertTrue(waitedMs >= SHORT_SESSION_MS - 100, "expired after only " + waitedMs + " ms");
            assertNull(observer.exists("/eph", false));
            raw.awaitClosedByServer(); // an expired session's connection is closed

            // re-attaching the expired session is refused with timeOut 0 and a zero session id
            try (RawZkSocket again = RawZkSocket.open(server.port())) {
                ConnectResponse refused = again.handshake(0, SHORT_SESSION_MS, session.getSessionId(), session.getPasswd());
                assertEquals(0, refused.getTimeOut());
                assertEquals(0, refused.getSessionId());
                assertArrayEquals(new byte[16], refused.getPasswd());
                again.awaitClosedByServer();
            }
        }
    }

    @Test
    void pingsKeepASessionAliveLongPastItsTimeout() throws Exception {
        ZooKeeper zk = connect(server.connectString(), SHORT_SESSION_MS, new Events());
        zk.create("/alive", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        ZooKeeper other = connect();
        long end = System.nanoTime() + Duration.ofMillis(3 * SHORT_SESSION_MS).toNanos();
        while (System.nanoTime() < end) {
            assertEquals(zk.getSessionId(), other.exists("/alive", false).getEphemeralOwner());
            Poll.pause();
        }
        assertEquals(ZooKeeper.States.CONNECTED, zk.getState());
    }

    @Test
    void officialClientCutOffPastItsTimeoutGetsExpiredAndLosesItsEphemerals() throws Exception {
        try (ToggleProxy proxy = new ToggleProxy(server.port())) {
            Events victimEvents = new Events();
            ZooKeeper victim = connect(proxy.connectString(), SHORT_SESSION_MS, victimEvents);
            victim.create("/victim", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            Events observerEvents = new Events();
            ZooKeeper observer = connect(observerEvents);
            observer.exists("/victim", true);

            proxy.refuse();
            observerEvents.expect(EventType.NodeDeleted, "/victim");
            proxy.forward();
            victimEvents.awaitState(KeeperState.Expired);
            assertThrows(KeeperException.SessionExpiredException.class, () -> victim.exists("/", false));
            assertNull(observer.exists("/victim", false));
        }
    }

    @Test
    void requestedTimeoutIsClampedToTwoAndTwentyTicks() throws Exception {
        try (RawZkSocket low = RawZkSocket.open(server.port());
             RawZkSocket high = RawZkSocket.open(server.port())) {
            assertEquals(2 * WardenTestServer.TICK_MS, low.newSession(1).getTimeOut());
            assertEquals(20 * WardenTestServer.TICK_MS, high.newSession(1_000_000).getTimeOut());
        }
        ZooKeeper zk = connect(server.connectString(), 60_000, new Events());
        assertEquals(20 * WardenTestServer.TICK_MS, zk.getSessionTimeout());
    }
}
