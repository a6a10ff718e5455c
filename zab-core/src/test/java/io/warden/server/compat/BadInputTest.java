package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile or broken input over a raw socket: each gets its error reply or its connection closed, and a
 * bystander session on the official client keeps working, connection and ephemeral intact.
 */
class BadInputTest extends CompatTestBase {
    private static final int BADARGUMENTS = -8;
    private static final int UNIMPLEMENTED = -6;

    private Events bystanderEvents;
    private ZooKeeper bystander;
    private long bystanderSession;

    @BeforeEach
    void connectBystander() throws Exception {
        bystanderEvents = new Events();
        bystander = connect(bystanderEvents);
        bystanderSession = bystander.getSessionId();
        bystander.create("/bystander", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    }

    /** The bystander never lost its connection, still owns its ephemeral and can still write. */
    private void assertBystanderIntact() throws Exception {
        assertEquals(ZooKeeper.States.CONNECTED, bystander.getState());
        assertEquals(bystanderSession, bystander.getSessionId());
        assertEquals(bystanderSession, bystander.exists("/bystander", false).getEphemeralOwner());
        String path = bystander.create("/after-", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        bystander.delete(path, -1);
        assertFalse(bystanderEvents.stateHistory().contains(KeeperState.Disconnected),
                "bystander was disconnected: " + bystanderEvents.stateHistory());
    }

    private RawZkSocket session() throws Exception {
        RawZkSocket raw = RawZkSocket.open(server.port());
        raw.newSession(4000);
        return raw;
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    @Test
    void httpGarbageBeforeTheHandshakeClosesOnlyThatConnection() throws Exception {
        try (RawZkSocket raw = RawZkSocket.open(server.port())) {
            raw.writeBytes("GET / HTTP/1.1\r\nHost: warden\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(0, raw.awaitClosedByServer());
        }
        assertBystanderIntact();
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0x7fffffff, -1, 0x80000000, 0x00100000})
    void outOfRangeFrameLengthBeforeTheHandshakeClosesTheConnection(int length) throws Exception {
        try (RawZkSocket raw = RawZkSocket.open(server.port())) {
            raw.writeBytes(ByteBuffer.allocate(68).putInt(length).array());
            assertEquals(0, raw.awaitClosedByServer());
        }
        assertBystanderIntact();
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0x7fffffff, -1, -100})
    void outOfRangeFrameLengthAfterTheHandshakeClosesTheConnection(int length) throws Exception {
        try (RawZkSocket raw = session()) {
            raw.writeBytes(ByteBuffer.allocate(68).putInt(length).array());
            assertEquals(0, raw.awaitClosedByServer());
        }
        assertBystanderIntact();
    }

    @Test
    void frameTooShortForARequestHeaderClosesTheConnection() throws Exception {
        try (RawZkSocket raw = session()) {
            raw.writeFrame(new byte[]{1, 2, 3});
            raw.awaitClosedByServer();
        }
        assertBystanderIntact();
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {999, 0, 13, -42})
    void unknownOpcodeGetsUnimplementedWithZxidMinusOneThenTheConnectionCloses(int opcode) throws Exception {
        try (RawZkSocket raw = session()) {
            raw.writeRecords(new RequestHeader(7, opcode));
            ReplyHeader reply = raw.readReply();
            assertEquals(7, reply.getXid());
            assertEquals(-1, reply.getZxid());
            assertEquals(UNIMPLEMENTED, reply.getErr());
            raw.awaitClosedByServer();
        }
        assertBystanderIntact();
    }

    @Test
    void requestBeforeTheHandshakeClosesTheConnection() throws Exception {
        try (RawZkSocket raw = RawZkSocket.open(server.port())) {
            raw.writeRecords(new RequestHeader(1, 4), new GetDataRequest("/x", false));
            raw.awaitClosedByServer();
        }
        assertBystanderIntact();
    }

    @ParameterizedTest(name = "path \"{0}\"")
    @ValueSource(strings = {"a//b", "/a//b", "/a/", "/a/./b", "/a/../b", "", "no-slash", "/a\u0000b", "/a\u0001b"})
    void invalidPathsGetBadArgumentsAndTheConnectionStaysUsable(String path) throws Exception {
        try (RawZkSocket raw = session()) {
            ReplyHeader created = raw.request(1, 1, new CreateRequest(path, null, OPEN_ACL_UNSAFE, 0));
            assertEquals(BADARGUMENTS, created.getErr());
            assertEquals(0, raw.lastBody().length, "error replies carry no body");
            // reads of an invalid path find nothing: BADARGUMENTS, or NONODE as ZooKeeper answers getData
            assertReadRefused(raw.request(2, 3, new ExistsRequest(path, false)).getErr());
            assertReadRefused(raw.request(3, 4, new GetDataRequest(path, false)).getErr());
            // the same connection still serves good requests
            ReplyHeader ok = raw.request(4, 3, new ExistsRequest("/bystander", false));
            assertEquals(0, ok.getErr());
            assertEquals(4, ok.getXid());
        }
        assertBystanderIntact();
    }

    private static void assertReadRefused(int err) {
        assertTrue(err == BADARGUMENTS || err == -101, "expected BADARGUMENTS or NONODE, got " + err);
    }

    @Test
    void deletingTheRootGetsBadArguments() throws Exception {
        try (RawZkSocket raw = session()) {
            assertEquals(BADARGUMENTS, raw.request(1, 2, new DeleteRequest("/", -1)).getErr());
            assertEquals(0, raw.request(2, 3, new ExistsRequest("/", false)).getErr());
        }
        assertBystanderIntact();
    }

    @Test
    void invalidCreateFlagsAndTtlsGetBadArguments() throws Exception {
        try (RawZkSocket raw = session()) {
            assertEquals(BADARGUMENTS, raw.request(1, 1, new CreateRequest("/f", null, OPEN_ACL_UNSAFE, 7)).getErr(),
                    "unknown flag value");
            assertEquals(BADARGUMENTS, raw.request(2, 1, new CreateRequest("/f", null, OPEN_ACL_UNSAFE, 5)).getErr(),
                    "TTL flags with opcode create");
            assertEquals(BADARGUMENTS, raw.request(3, 15, new CreateRequest("/f", null, OPEN_ACL_UNSAFE, 6)).getErr(),
                    "TTL flags with opcode create2");
            assertEquals(BADARGUMENTS, raw.request(4, 21, new CreateTTLRequest("/f", null, OPEN_ACL_UNSAFE, 0, 1000))
                    .getErr(), "non-TTL flags with opcode createTTL");
            assertEquals(BADARGUMENTS, raw.request(5, 21, new CreateTTLRequest("/f", null, OPEN_ACL_UNSAFE, 5, 0))
                    .getErr(), "ttl 0");
            assertEquals(BADARGUMENTS, raw.request(6, 21,
                    new CreateTTLRequest("/f", null, OPEN_ACL_UNSAFE, 5, 0x10000000000L)).getErr(), "ttl too large");
            assertEquals(0, raw.request(7, 21, new CreateTTLRequest("/f", null, OPEN_ACL_UNSAFE, 5, 1000)).getErr(),
                    "a valid TTL create works by default");
        }
        assertTrue(bystander.exists("/f", false) != null);
        assertBystanderIntact();
    }

    @Test
    void dataOverJuteMaxBufferClosesTheConnectionAndStoresNothing() throws Exception {
        try (RawZkSocket raw = session()) {
            raw.writeFrameTolerant(RawZkSocket.serialize(new RequestHeader(1, 1),
                    new CreateRequest("/huge", new byte[1_100_000], OPEN_ACL_UNSAFE, 0)));
            raw.awaitClosedByServer();
        }
        assertEquals(null, bystander.exists("/huge", false));
        assertBystanderIntact();
    }
}
