package io.warden.client;

import io.warden.znode.KeeperException;
import io.warden.znode.Stat;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.Event.KeeperState;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.wire.Handshake;
import io.warden.znode.wire.Requests;
import io.warden.znode.wire.Responses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's side of the wire protocol, against a scripted fake server. */
class ProtocolTest {
    private static final byte[] PASSWD = "0123456789abcdef".getBytes();

    private FakeServer fake;
    private ZkClient client;
    private final BlockingQueue<SessionEvent> sessionEvents = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close(100);
        }
        fake.close();
    }

    private ZkClient start(String chroot, int maxBuffer) {
        ClientConfig cfg = ClientConfig.of(fake.connectString() + chroot, Duration.ofMillis(3000), Duration.ofMillis(2000))
                .withMaxBufferBytes(maxBuffer);
        client = new ZkClient(cfg, null);
        client.addSessionListener(sessionEvents::add);
        client.start();
        return client;
    }

    private FakeServer.Conn handshake(long sessionId, int timeoutMs) throws Exception {
        FakeServer.Conn c = fake.accept();
        c.readConnect();
        c.acceptSession(sessionId, timeoutMs, PASSWD);
        return c;
    }

    private SessionEvent nextSessionEvent() throws InterruptedException {
        SessionEvent e = sessionEvents.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "session event");
        return e;
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void handshakeSendsAFreshSessionRequestAndAdoptsTheGrantedSession() throws Exception {
        start("", 0xfffff);
        FakeServer.Conn c = fake.accept();
        Handshake.ConnectRequest req = c.readConnect();
        assertEquals(0, req.protocolVersion());
        assertEquals(0, req.lastZxidSeen());
        assertEquals(3000, req.timeOut());
        assertEquals(0, req.sessionId());
        assertArrayEquals(new byte[16], req.passwd());
        assertEquals(Boolean.FALSE, req.readOnly());
        c.acceptSession(0x1234, 2400, PASSWD);
        SessionEvent e = nextSessionEvent();
        assertEquals(KeeperState.SyncConnected, e.state());
        assertTrue(e.newSession());
        assertEquals(0x1234, client.getSessionId());
        assertEquals(2400, client.getSessionTimeout());
    }

    @Test
    void repliesAreMatchedInOrderAndAWrongXidDropsTheConnectionThenTheSessionIsResumed() throws Exception {
        start("", 0xfffff);
        FakeServer.Conn c = handshake(0x77, 3000);
        nextSessionEvent();
        CompletableFuture<ZkClient.DataAndStat> get = client.getData("/x", null);
        FakeServer.Incoming r = c.readNonPing();
        assertEquals(OpCode.getData, r.header().type());
        assertEquals("/x", Requests.PathWatchRequest.read(r.body()).path());
        c.reply(r.header().xid(), 100, 0, new Responses.GetDataResponse("v".getBytes(), new Stat()));
        assertEquals("v", new String(get.get(10, TimeUnit.SECONDS).data()));
        assertEquals(100, client.getLastZxid());

        CompletableFuture<Stat> exists = client.exists("/y", null);
        FakeServer.Incoming r2 = c.readNonPing();
        c.reply(r2.header().xid() + 5, 101, 0, new Responses.StatResponse(new Stat()));
        assertInstanceOf(KeeperException.ConnectionLossException.class, failure(exists));
        assertEquals(KeeperState.Disconnected, nextSessionEvent().state());

        FakeServer.Conn c2 = fake.accept();
        Handshake.ConnectRequest again = c2.readConnect();
        assertEquals(0x77, again.sessionId(), "resumes the session");
        assertArrayEquals(PASSWD, again.passwd());
        assertEquals(100, again.lastZxidSeen(), "tells the server what it has seen");
        c2.acceptSession(0x77, 3000, PASSWD);
        SessionEvent back = nextSessionEvent();
        assertEquals(KeeperState.SyncConnected, back.state());
        assertFalse(back.newSession());
    }

    @Test
    void anExpiredAnswerEndsTheSessionAndTheNextHandshakeAsksForANewOne() throws Exception {
        start("", 0xfffff);
        FakeServer.Conn c = handshake(0x55, 3000);
        nextSessionEvent();
        c.close();
        assertEquals(KeeperState.Disconnected, nextSessionEvent().state());
        FakeServer.Conn c2 = fake.accept();
        assertEquals(0x55, c2.readConnect().sessionId());
        c2.write(w -> Handshake.ConnectResponse.invalid(false).write(w));
        SessionEvent expired = nextSessionEvent();
        assertEquals(KeeperState.Expired, expired.state());
        assertEquals(0x55, expired.sessionId());
        FakeServer.Conn c3 = fake.accept();
        Handshake.ConnectRequest fresh = c3.readConnect();
        assertEquals(0, fresh.sessionId());
        assertEquals(0, fresh.lastZxidSeen());
        c3.acceptSession(0x56, 3000, PASSWD);
        SessionEvent e = nextSessionEvent();
        assertTrue(e.newSession());
        assertEquals(0x56, e.sessionId());
    }

    @Test
    void framesLargerThanJuteMaxBufferAreRefusedBothWays() throws Exception {
        start("", 1024);
        FakeServer.Conn c = handshake(0x9, 3000);
        nextSessionEvent();
        Throwable out = failure(client.setData("/big", new byte[2000], -1));
        assertInstanceOf(IllegalArgumentException.class, out);
        assertTrue(out.getMessage().contains("jute.maxbuffer"));

        CompletableFuture<ZkClient.DataAndStat> get = client.getData("/big", null);
        FakeServer.Incoming r = c.readNonPing();
        assertEquals(OpCode.getData, r.header().type(), "the oversized setData never reached the server");
        c.reply(r.header().xid(), 5, 0, new Responses.GetDataResponse(new byte[2000], new Stat()));
        assertInstanceOf(KeeperException.ConnectionLossException.class, failure(get));
        assertEquals(KeeperState.Disconnected, nextSessionEvent().state());
    }

    @Test
    void idleConnectionsPingAndASilentServerIsLeftAfterTheReadTimeout() throws Exception {
        start("", 0xfffff);
        FakeServer.Conn c = handshake(0x3, 600);
        nextSessionEvent();
        FakeServer.Incoming ping = c.readRequest();
        assertEquals(-2, ping.header().xid());
        assertEquals(OpCode.ping, ping.header().type());
        // stay silent: 2/3 of 600 ms without a reply and the client moves on
        assertEquals(KeeperState.Disconnected, nextSessionEvent().state());
        FakeServer.Conn c2 = fake.accept();
        assertEquals(0x3, c2.readConnect().sessionId());
    }

    @Test
    void afterReconnectAuthComesFirstThenSetWatchesWithTheArmedPathsThenUserRequests() throws Exception {
        start("/app", 0xfffff);
        client.addAuthInfo("digest", "u:p".getBytes());
        FakeServer.Conn c = handshake(0x44, 3000);
        FakeServer.Incoming auth = c.readNonPing();
        assertEquals(-4, auth.header().xid());
        c.reply(-4, 0, 0, null);
        nextSessionEvent();
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<Stat> exists = client.exists("/w", events::add);
        FakeServer.Incoming r = c.readNonPing();
        assertEquals(OpCode.exists, r.header().type(), "frame " + r.header());
        assertEquals("/app/w", Requests.PathWatchRequest.read(r.body()).path(), "chroot prepended");
        c.reply(r.header().xid(), 42, KeeperException.Code.NONODE.intValue(), null);
        assertNull(exists.get(10, TimeUnit.SECONDS), "NONODE on exists is a null stat with a watch left");
        c.close();
        assertEquals(KeeperState.Disconnected, nextSessionEvent().state());

        FakeServer.Conn c2 = handshake(0x44, 3000);
        FakeServer.Incoming auth2 = c2.readNonPing();
        assertEquals(OpCode.auth, auth2.header().type());
        Requests.AuthPacket ap = Requests.AuthPacket.read(auth2.body());
        assertEquals("digest", ap.scheme());
        assertArrayEquals("u:p".getBytes(), ap.auth());
        FakeServer.Incoming sw = c2.readNonPing();
        assertEquals(OpCode.setWatches, sw.header().type());
        assertTrue(sw.header().xid() > 0, "setWatches travels with a normal xid");
        Requests.SetWatchesRequest swr = Requests.SetWatchesRequest.read(sw.body(), false);
        assertEquals(42, swr.relativeZxid());
        assertEquals(List.of("/app/w"), swr.existWatches());
        c2.reply(sw.header().xid(), 43, 0, null);

        c2.write(w -> {
            new io.warden.znode.wire.Headers.ReplyHeader(-1, 44, 0).write(w);
            new Responses.WatcherEvent(EventType.NodeCreated.getIntValue(), KeeperState.SyncConnected.getIntValue(),
                    "/app/w").write(w);
        });
        WatchedEvent e = events.poll(10, TimeUnit.SECONDS);
        while (e != null && e.getType() == EventType.None) {
            e = events.poll(10, TimeUnit.SECONDS);
        }
        assertNotNull(e);
        assertEquals(EventType.NodeCreated, e.getType());
        assertEquals("/w", e.getPath(), "chroot stripped");
        assertEquals(44, e.getZxid());
    }

    @Test
    void requestsBeyondTheOutstandingBoundWaitUntilRepliesDrain() throws Exception {
        ClientConfig cfg = ClientConfig.of(fake.connectString(), Duration.ofMillis(3000), Duration.ofMillis(2000))
                .withMaxOutstanding(2);
        client = new ZkClient(cfg, null);
        client.addSessionListener(sessionEvents::add);
        client.start();
        FakeServer.Conn c = handshake(0x8, 3000);
        nextSessionEvent();
        List<CompletableFuture<Void>> fs = Arrays.asList(client.delete("/a", -1), client.delete("/b", -1), client.delete("/c", -1));
        FakeServer.Incoming r1 = c.readNonPing();
        FakeServer.Incoming r2 = c.readNonPing();
        assertNull(c.readFrame(300), "the third request waits for a free slot");
        c.reply(r1.header().xid(), 1, 0, null);
        FakeServer.Incoming r3 = c.readNonPing();
        assertEquals("/c", Requests.PathVersionRequest.read(r3.body()).path());
        c.reply(r2.header().xid(), 2, 0, null);
        c.reply(r3.header().xid(), 3, 0, null);
        for (CompletableFuture<Void> f : fs) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReadOnlyServerIsAcceptedOnlyWhenAllowedAndTheSessionIsNotResumedUntilAWritableOne() throws Exception {
        ClientConfig cfg = ClientConfig.of(fake.connectString(), Duration.ofMillis(3000), Duration.ofMillis(2000))
                .withCanBeReadOnly(true);
        client = new ZkClient(cfg, null);
        client.addSessionListener(sessionEvents::add);
        client.start();
        FakeServer.Conn c = fake.accept();
        assertEquals(Boolean.TRUE, c.readConnect().readOnly());
        c.write(w -> new Handshake.ConnectResponse(0, 3000, 0x99, PASSWD, true).write(w));
        assertEquals(KeeperState.ConnectedReadOnly, nextSessionEvent().state());
        assertEquals(ClientState.CONNECTED_READ_ONLY, client.getState());
        c.close();
        assertEquals(KeeperState.Disconnected, nextSessionEvent().state());
        FakeServer.Conn c2 = fake.accept();
        assertEquals(0, c2.readConnect().sessionId(), "a read-only session is never resumed");
    }
}
