package io.warden.server.pipeline;

import io.warden.server.net.ClientConnection;
import io.warden.server.net.ClientRequestSink;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Xids;
import io.warden.znode.wire.Handshake.ConnectRequest;
import io.warden.znode.wire.Headers.RequestHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.Requests.AuthPacket;
import io.warden.znode.wire.Requests.PathRequest;
import io.warden.znode.wire.Responses.PathResponse;
import io.warden.znode.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * The request path of one server: frames from the client port are decoded here, on the single
 * pipeline thread that owns the znode store. Reads are answered from the tree; writes become
 * transactions handed to the {@link TxnPipeline}; every output passes the durability barrier.
 * <p>Entry points ({@link ClientRequestSink}) are called on I/O threads and only enqueue.
 */
public final class RequestPipeline implements ClientRequestSink {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

    private final SerialExecutor executor;
    private final TxnPipeline txns;
    private final SessionManager sessions;
    private final Frames frames;
    private final int maxFrame;
    private final FourLetterRenderer fourLetterWords;
    private final Set<ClientConnection> connections = new HashSet<>();
    private final Counters counters = new Counters();

    /** Server-wide packet and latency counters, for srvr/stat/mntr. Pipeline thread. */
    static final class Counters {
        private long received;
        private long sent;
        private long minLatency = Long.MAX_VALUE;
        private long maxLatency;
        private long totalLatency;
        private long count;

        void request(long latencyMs) {
            received++;
            sent++;
            count++;
            totalLatency += latencyMs;
            minLatency = Math.min(minLatency, latencyMs);
            maxLatency = Math.max(maxLatency, latencyMs);
        }

        long received() { return received; }

        long sent() { return sent; }

        io.warden.server.admin.LatencyStats latency() {
            return ServerViewImpl.latency(minLatency, totalLatency, count, maxLatency);
        }

        void reset() {
            received = sent = maxLatency = totalLatency = count = 0;
            minLatency = Long.MAX_VALUE;
        }
    }

    Counters counters() {
        return counters;
    }

    /** Renders a four-letter word on the pipeline thread, where the tree is consistent. */
    public interface FourLetterRenderer {
        String render(int code);
    }

    RequestPipeline(SerialExecutor executor, TxnPipeline txns, SessionManager sessions, Frames frames, int maxFrame,
                    FourLetterRenderer fourLetterWords) {
        this.executor = executor;
        this.txns = txns;
        this.sessions = sessions;
        this.frames = frames;
        this.maxFrame = maxFrame;
        this.fourLetterWords = fourLetterWords;
    }

    // ---- I/O threads ----

    @Override
    public void opened(ClientConnection connection) {
        executor.execute(() -> connections.add(connection));
    }

    @Override
    public void frame(ClientConnection connection, byte[] frame) {
        long received = System.nanoTime();
        executor.execute(() -> onFrame(connection, frame, received));
    }

    @Override
    public void fourLetterWord(ClientConnection connection, int code) {
        executor.execute(() -> {
            String text = fourLetterWords.render(code);
            connection.channel().writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(text,
                    java.nio.charset.StandardCharsets.UTF_8)).addListener(f -> connection.channel().close());
        });
    }

    @Override
    public void closed(ClientConnection connection) {
        executor.execute(() -> {
            connections.remove(connection);
            sessions.connectionClosed(connection);
        });
    }

    // ---- pipeline thread ----

    Set<ClientConnection> connections() {
        return connections;
    }

    private void onFrame(ClientConnection conn, byte[] frame, long receivedNanos) {
        if (conn.isClosing()) {
            return;
        }
        JuteReader in = new JuteReader(frame, 0, frame.length, maxFrame);
        if (!sessions.handshakeSeen(conn)) {
            ConnectRequest req;
            try {
                req = ConnectRequest.read(in);
            } catch (WireFormatException e) {
                LOG.warn("Closing {}: malformed ConnectRequest ({})", conn.remoteAddress(), e.getMessage());
                conn.close();
                return;
            }
            sessions.connect(conn, req);
            return;
        }
        RequestHeader hdr;
        try {
            hdr = RequestHeader.read(in);
        } catch (WireFormatException e) {
            LOG.warn("Closing {}: malformed request header ({})", conn.remoteAddress(), e.getMessage());
            conn.close();
            return;
        }
        conn.noteRequest(hdr.xid(), hdr.type());
        if (!sessions.touch(conn)) {
            reply(conn, hdr.xid(), Code.SESSIONEXPIRED.intValue(), null, true);
            return;
        }
        try {
            dispatch(conn, hdr, in);
        } catch (WireFormatException e) {
            LOG.debug("Malformed body of opcode {} from {}: {}", hdr.type(), conn.remoteAddress(), e.getMessage());
            reply(conn, hdr.xid(), Code.MARSHALLINGERROR.intValue(), null, true);
        }
        long latency = (System.nanoTime() - receivedNanos) / 1_000_000;
        conn.noteLatency(latency);
        counters.request(latency);
    }

    private void dispatch(ClientConnection conn, RequestHeader hdr, JuteReader in) {
        switch (hdr.type()) {
            case OpCode.ping -> txns.emit(conn, frames.reply(Xids.PING, txns.lastZxid(), 0, null), false);
            case OpCode.auth -> auth(conn, hdr, AuthPacket.read(in));
            case OpCode.closeSession -> sessions.close(conn, hdr.xid());
            case OpCode.sync -> {
                String path = PathRequest.read(in).path();
                reply(conn, hdr.xid(), 0, new PathResponse(path), false);
            }
            case OpCode.sasl -> reply(conn, hdr.xid(), Code.UNIMPLEMENTED.intValue(), null, false);
            default -> txns.process(conn, sessions.context(conn, hdr.xid()), hdr, in);
        }
    }

    private void auth(ClientConnection conn, RequestHeader hdr, AuthPacket packet) {
        boolean ok = sessions.addAuth(conn, packet.scheme(), packet.auth());
        int err = ok ? 0 : Code.AUTHFAILED.intValue();
        txns.emit(conn, frames.reply(Xids.AUTH, 0, err, null), !ok);
    }

    private void reply(ClientConnection conn, int xid, int err, JuteRecord body, boolean close) {
        txns.emit(conn, frames.reply(xid, txns.lastZxid(), err, body), close);
    }

    /** Exposed for four-letter words and tests: the pipeline thread's executor. */
    SerialExecutor executor() {
        return executor;
    }

}
