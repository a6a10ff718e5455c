package io.warden.server.ensemble;

import io.warden.zab.Role;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static io.warden.server.ensemble.EnsembleReplicationTest.connect;
import static io.warden.server.ensemble.RawFrames.readFrame;
import static io.warden.server.ensemble.RawFrames.writeFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A client handshake that reaches a member while it is LOOKING is held for the configured window
 * (1 s by default): answered if the election ends in time, else closed unanswered.
 * One raw TCP connection per handshake, so a refusal and a retry cannot pass for a held answer.
 */
class ElectionHandshakeHoldTest extends EnsembleTestBase {
    private static final int SESSION_TIMEOUT_MS = 4000;
    /** Long enough that the election below (150-600 ms here) ends inside it on a loaded machine too. */
    private static final long LONG_HOLD_MS = 20_000;
    private static final long DEFAULT_HOLD_MS = io.warden.server.config.ServerConfig.DEFAULT_HANDSHAKE_HOLD_MS;

    @Test
    void aHandshakeSentDuringAnElectionGetsASessionWhenThisMemberEndsUpFollowing() throws Exception {
        assertHeldHandshakeAnsweredOnceElected(1, 2, Role.FOLLOWING);
    }

    @Test
    void aHandshakeSentDuringAnElectionGetsASessionWhenThisMemberEndsUpLeading() throws Exception {
        assertHeldHandshakeAnsweredOnceElected(3, 1, Role.LEADING);
    }

    /** {@code alone} runs by itself (LOOKING), gets the handshake, then {@code joiner} completes a quorum. */
    private void assertHeldHandshakeAnsweredOnceElected(long alone, long joiner, Role expected) throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).handshakeHoldMs(LONG_HOLD_MS);
        ensemble.start(alone);
        int port = ensemble.server(alone).clientAddress().getPort();
        try (Socket s = open(port)) {
            assertEquals(Role.LOOKING, ensemble.member(alone).role(), "one of three members cannot elect");
            long sent = System.nanoTime();
            sendConnect(s);
            ensemble.start(joiner); // the election ends inside the hold window
            ConnectResponse session = readConnectResponse(s, sent);
            assertNotEquals(0, session.getSessionId(), "the held handshake was answered with a session");
            assertTrue(session.getTimeOut() > 0, "negotiated timeout " + session.getTimeOut());
            assertEquals(expected, ensemble.member(alone).role(), "the case this test names");
            writeFrame(s, new RequestHeader(1, ZooDefs.OpCode.create), new CreateRequest("/held", new byte[0],
                    ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL.toFlag()));
            ReplyHeader reply = new ReplyHeader();
            reply.deserialize(readFrame(s), "r");
            assertEquals(0, reply.getErr(), "the session is live: its ephemeral create succeeded");
        }
    }

    @Test
    void aHandshakeToAMemberStillLookingAfterTheHoldWindowIsClosedUnansweredAndTheMemberServesOnceAQuorumExists()
            throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0);
        ensemble.start(1);
        var server = ensemble.server(1);
        int port = server.clientAddress().getPort();
        try (Socket s = open(port)) {
            long sent = System.nanoTime();
            sendConnect(s);
            int bytes = awaitClosedByServer(s, Duration.ofMillis(DEFAULT_HOLD_MS + 10_000));
            long waitedMs = (System.nanoTime() - sent) / 1_000_000;
            assertEquals(0, bytes, "closed without a ConnectResponse");
            // The deadline is taken when the server reads the handshake, after we sent it; the slack
            // covers millisecond truncation of the server's wall clock.
            assertTrue(waitedMs >= DEFAULT_HOLD_MS - 10,
                    "held for the whole window before closing, not refused at once: " + waitedMs + " ms");
            assertEquals(Role.LOOKING, ensemble.member(1).role(), "still no quorum when it closed");
        }

        ensemble.start(2);
        ensemble.awaitLeader();
        assertSame(server, ensemble.server(1), "the same server process kept running");
        try (Socket s = open(port)) {
            sendConnect(s);
            ConnectResponse session = readConnectResponse(s, System.nanoTime());
            assertNotEquals(0, session.getSessionId(), "a new handshake gets a session");
        }
        ZooKeeper zk = connect(ensemble.connectString(1), SESSION_TIMEOUT_MS, clients);
        zk.create("/after", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertNotNull(zk.exists("/after", false), "the member serves writes and reads");
    }

    private static Socket open(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(15_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static void sendConnect(Socket s) throws IOException {
        writeFrame(s, new ConnectRequest(0, 0L, SESSION_TIMEOUT_MS, 0L, new byte[16], false));
    }

    private static ConnectResponse readConnectResponse(Socket s, long sentNanos) throws IOException {
        ConnectResponse resp = new ConnectResponse();
        try {
            resp.deserialize(readFrame(s), "r");
        } catch (EOFException | SocketException e) {
            fail("the server closed the connection instead of answering the handshake, "
                    + (System.nanoTime() - sentNanos) / 1_000_000 + " ms after it was sent (hold window "
                    + LONG_HOLD_MS + " ms)", e);
        }
        return resp;
    }


    /** Blocks until the server closes (EOF or reset); returns the bytes it sent before that. */
    private static int awaitClosedByServer(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        int count = 0;
        byte[] buf = new byte[512];
        try {
            for (int n; (n = s.getInputStream().read(buf)) >= 0; ) {
                count += n;
            }
        } catch (SocketTimeoutException e) {
            fail("the server kept the held handshake open for " + timeout.toMillis() + " ms");
        } catch (SocketException e) {
            // reset by the server: closed too
        }
        return count;
    }
}
