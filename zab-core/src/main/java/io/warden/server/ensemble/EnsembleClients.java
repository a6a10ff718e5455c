package io.warden.server.ensemble;

import io.warden.server.ensemble.ClientState.Owed;
import io.warden.server.ensemble.ClientState.ReadOwed;
import io.warden.server.ensemble.ClientState.SyncOwed;
import io.warden.server.ensemble.ClientState.WriteOwed;
import io.warden.server.net.ClientConnection;
import io.warden.server.net.ClientRequestSink;
import io.warden.server.pipeline.SerialExecutor;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.WatchedEvent;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Xids;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.acl.Authenticator;
import io.warden.znode.tree.Prepared;
import io.warden.znode.tree.RequestContext;
import io.warden.znode.txn.CloseSessionTxn;
import io.warden.znode.txn.CreateSessionTxn;
import io.warden.znode.watch.WatchDelivery;
import io.warden.znode.wire.Handshake.ConnectRequest;
import io.warden.znode.wire.Headers.RequestHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.Requests.AuthPacket;
import io.warden.znode.wire.Requests.PathRequest;
import io.warden.znode.wire.Responses.PathResponse;
import io.warden.znode.wire.Responses.WatcherEvent;
import io.warden.znode.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The client port of an ensemble member. Reads are answered from the local (committed) tree; writes,
 * createSession and closeSession go to the quorum through {@link EnsembleCore} and are answered when
 * this server applies them (matched by session id and cxid). Each connection's replies leave in
 * request order ({@link ClientState}). While the server has no established leader it serves nobody.
 * <p>{@link ClientRequestSink} methods run on I/O threads and only enqueue; the rest is pipeline thread.
 */
final class EnsembleClients implements ClientRequestSink, EnsembleCore.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleClients.class);

    private final SerialExecutor executor;
    private final EnsembleCore core;
    private final EnsembleHandshake handshake;
    private final Authenticator authenticator;
    private final LongSupplier clock;
    private final int maxFrame;
    private final IntFunction<String> fourLetterWords;
    private final ReplyFrames frames = new ReplyFrames();
    private final Set<ClientConnection> connections = new HashSet<>();
    private final Map<Long, ClientState> syncs = new HashMap<>();
    private final Set<ClientState> syncWaiting = new HashSet<>();
    private final Set<ClientConnection> dirty = new HashSet<>();
    private long nextSyncToken;
    private long packetsReceived;
    private long packetsSent;

    EnsembleClients(SerialExecutor executor, EnsembleCore core, EnsembleHandshake handshake, String superDigest,
                    LongSupplier clock, int maxFrame, IntFunction<String> fourLetterWords) {
        this.executor = executor;
        this.core = core;
        this.handshake = handshake;
        this.authenticator = new Authenticator(superDigest);
        this.clock = clock;
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
        executor.execute(() -> onFrame(connection, frame));
    }

    @Override
    public void fourLetterWord(ClientConnection connection, int code) {
        executor.execute(() -> {
            String text = fourLetterWords.apply(code);
            connection.channel().writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(text,
                    java.nio.charset.StandardCharsets.UTF_8)).addListener(f -> connection.channel().close());
        });
    }

    @Override
    public void closed(ClientConnection connection) {
        executor.execute(() -> {
            connections.remove(connection);
            ClientState st = connection.attachment();
            if (st != null) {
                core.data().store().removeWatches(st);
                syncWaiting.remove(st);
            }
            handshake.connectionClosed(connection);
        });
    }

    // ---- pipeline thread ----

    Set<ClientConnection> connections() {
        return connections;
    }

    long packetsReceived() {
        return packetsReceived;
    }

    long packetsSent() {
        return packetsSent;
    }

    int pendingSyncs() {
        return syncs.size() + syncWaiting.size();
    }

    /** End of a pipeline batch: one flush per connection that got output. */
    void flush() {
        for (ClientConnection c : dirty) {
            c.flush();
        }
        dirty.clear();
    }

    private void onFrame(ClientConnection conn, byte[] frame) {
        if (conn.isClosing()) {
            return;
        }
        packetsReceived++;
        ClientState st = ClientState.of(conn);
        JuteReader in = new JuteReader(frame, 0, frame.length, maxFrame);
        if (!st.handshakeSeen) {
            st.handshakeSeen = true;
            try {
                handshake.connect(conn, ConnectRequest.read(in));
            } catch (WireFormatException e) {
                LOG.warn("Closing {}: malformed ConnectRequest ({})", conn.remoteAddress(), e.getMessage());
                conn.close();
            }
            return;
        }
        RequestHeader hdr;
        try {
            hdr = RequestHeader.read(in);
        } catch (WireFormatException e) {
            conn.close();
            return;
        }
        conn.noteRequest(hdr.xid(), hdr.type());
        if (!core.serving()) {
            conn.close();
            return;
        }
        long sid = conn.sessionId();
        if (sid == 0 || !core.data().store().hasSession(sid)) {
            answer(st, frames.reply(hdr.xid(), lastApplied(), Code.SESSIONEXPIRED.intValue(), null), true);
            return;
        }
        core.touched(sid);
        try {
            dispatch(st, hdr, frame, in);
        } catch (WireFormatException e) {
            answer(st, frames.reply(hdr.xid(), lastApplied(), Code.MARSHALLINGERROR.intValue(), null), true);
        }
    }

    private void dispatch(ClientState st, RequestHeader hdr, byte[] frame, JuteReader in) {
        int xid = hdr.xid();
        switch (hdr.type()) {
            case OpCode.ping -> send(st.connection, frames.reply(Xids.PING, lastApplied(), 0, null), lastApplied(), false);
            case OpCode.auth -> auth(st, AuthPacket.read(in));
            case OpCode.closeSession -> write(st, xid, OpCode.closeSession, new byte[0], true);
            case OpCode.sync -> sync(st, xid, PathRequest.read(in).path());
            case OpCode.sasl -> answer(st, frames.reply(xid, lastApplied(), Code.UNIMPLEMENTED.intValue(), null), false);
            default -> {
                if (isWrite(hdr.type())) {
                    write(st, xid, hdr.type(), Arrays.copyOfRange(frame, in.position(), frame.length), false);
                } else {
                    read(st, hdr, in);
                }
            }
        }
    }

    static boolean isWrite(int opcode) {
        return switch (opcode) {
            case OpCode.create, OpCode.create2, OpCode.createContainer, OpCode.createTTL, OpCode.delete,
                 OpCode.setData, OpCode.setACL, OpCode.multi, OpCode.deleteContainer, OpCode.reconfig -> true;
            default -> false;
        };
    }

    private void write(ClientState st, int xid, int opcode, byte[] body, boolean closeAfter) {
        WriteOwed w = new WriteOwed(xid);
        w.closeAfter = closeAfter;
        st.owed.add(w);
        if (!core.write(st.connection.sessionId(), xid, opcode, body, st.auth, st)) {
            st.connection.close();
        }
    }

    private void read(ClientState st, RequestHeader hdr, JuteReader in) {
        RequestContext ctx = new RequestContext(st.connection.sessionId(), hdr.xid(), st.auth, st, clock.getAsLong());
        Runnable run = () -> {
            Prepared p = core.data().store().prepare(ctx, hdr.type(), in);
            for (WatchedEvent e : p.catchUp()) {
                send(st.connection, notification(e), e.getZxid(), false);
            }
            int err = p.reply().err();
            boolean unimplemented = err == Code.UNIMPLEMENTED.intValue();
            long zxid = unimplemented ? -1 : lastApplied();
            send(st.connection, frames.reply(hdr.xid(), zxid, err, p.reply().body()), zxid, unimplemented);
        };
        if (st.owed.isEmpty()) {
            run.run();
        } else {
            st.owed.add(new ReadOwed(run));
        }
    }

    private void auth(ClientState st, AuthPacket packet) {
        AuthInfo next = authenticator.authenticate(st.auth, packet.scheme(), packet.auth(), st.connection.remoteHost());
        if (next != null) {
            st.auth = next;
        }
        send(st.connection, frames.reply(Xids.AUTH, 0, next == null ? Code.AUTHFAILED.intValue() : 0, null), 0,
                next == null);
    }

    private void sync(ClientState st, int xid, String path) {
        long token = ++nextSyncToken;
        st.owed.add(new SyncOwed(token, xid, path));
        syncs.put(token, st);
        if (!core.sync(token)) {
            syncs.remove(token);
            st.connection.close();
        }
    }

    @Override
    public void syncTarget(long token, long zxid) {
        ClientState st = syncs.remove(token);
        if (st == null) {
            handshake.syncTarget(token, zxid);
            return;
        }
        for (Owed o : st.owed) {
            if (o instanceof SyncOwed s && s.token == token) {
                s.target = zxid;
            }
        }
        drain(st);
    }

    @Override
    public void applied(ReplicatedStore.Applied a) {
        long zxid = a.header().zxid();
        for (WatchDelivery d : a.result().deliveries()) {
            if (d.sink() instanceof ClientState s) {
                send(s.connection, notification(d.event()), zxid, false);
            }
        }
        long sid = a.header().sessionId();
        if (a.txn() instanceof CreateSessionTxn c) {
            handshake.created(sid, c.timeoutMs());
        } else {
            ClientConnection conn = handshake.connectionOf(sid);
            if (conn != null) {
                answerWrite(ClientState.of(conn), a, zxid);
            }
        }
        if (!syncWaiting.isEmpty()) {
            for (ClientState st : syncWaiting.toArray(new ClientState[0])) {
                drain(st);
            }
        }
        handshake.applied();
    }

    private void answerWrite(ClientState st, ReplicatedStore.Applied a, long zxid) {
        boolean closing = a.txn() instanceof CloseSessionTxn;
        WriteOwed w = st.pendingWrite(a.header().cxid());
        if (w == null) {
            if (closing) { // expired, or closed through another server
                handshake.unbind(a.header().sessionId());
                st.connection.close();
            }
            return;
        }
        w.reply = frames.reply(w.cxid, zxid, a.result().reply().err(), a.result().reply().body());
        w.zxid = zxid;
        w.closeAfter |= closing;
        drain(st);
    }

    /** Sends everything at the head of the connection's queue that can go now. */
    private void drain(ClientState st) {
        syncWaiting.remove(st);
        while (!st.owed.isEmpty()) {
            Owed o = st.owed.peekFirst();
            if (o instanceof WriteOwed w) {
                if (w.reply == null) {
                    return;
                }
                st.owed.pollFirst();
                send(st.connection, w.reply, w.zxid, w.closeAfter);
            } else if (o instanceof ReadOwed r) {
                st.owed.pollFirst();
                r.run().run();
            } else if (o instanceof SyncOwed s) {
                if (s.target < 0 || lastApplied() < s.target) {
                    if (s.target >= 0) {
                        syncWaiting.add(st);
                    }
                    return;
                }
                st.owed.pollFirst();
                send(st.connection, frames.reply(s.xid, lastApplied(), 0, new PathResponse(s.path)), lastApplied(),
                        false);
            }
        }
    }

    /** A reply that needs no tree access: now, or in turn behind what the connection is owed. */
    private void answer(ClientState st, byte[] frame, boolean closeAfter) {
        long zxid = lastApplied();
        if (st.owed.isEmpty()) {
            send(st.connection, frame, zxid, closeAfter);
        } else {
            st.owed.add(new ReadOwed(() -> send(st.connection, frame, zxid, closeAfter)));
        }
    }

    @Override
    public void reset(String reason) {
        if (!connections.isEmpty()) {
            LOG.info("Closing {} client connections: {}", connections.size(), reason);
        }
        for (ClientConnection c : connections.toArray(new ClientConnection[0])) {
            if (!handshake.isHeld(c)) {
                c.close();
            }
        }
        handshake.reset();
        syncs.clear();
        syncWaiting.clear();
    }

    @Override
    public void nowServing() {
        handshake.nowServing();
    }

    /** Timer (any thread): handshakes held too long without a leader are refused. */
    void expireHeldHandshakes() {
        executor.execute(handshake::expireHeld);
    }

    void send(ClientConnection c, byte[] frame, long zxid, boolean closeAfter) {
        if (frame != null) {
            c.send(frame, zxid);
            packetsSent++;
        }
        if (closeAfter) {
            c.close();
        } else {
            dirty.add(c);
        }
    }

    private long lastApplied() {
        return core.data().lastApplied();
    }

    private byte[] notification(WatchedEvent e) {
        return frames.reply(Xids.NOTIFICATION, e.getZxid(), 0,
                new WatcherEvent(e.getType().getIntValue(), e.getState().getIntValue(), e.getPath()));
    }
}
