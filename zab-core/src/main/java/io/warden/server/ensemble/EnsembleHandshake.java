package io.warden.server.ensemble;

import io.warden.server.net.ClientConnection;
import io.warden.server.session.SessionIds;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.wire.Handshake.ConnectRequest;
import io.warden.znode.wire.Handshake.ConnectResponse;
import io.warden.znode.wire.JuteWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Client handshakes on an ensemble member. A new session is a createSession txn (its id is made
 * here, unique per server id): the ConnectResponse leaves when this server applies it. Re-attaching
 * checks the password against the replicated session table (the leader drew it; see
 * {@link ReplicatedStore}). A learner that does not know the session yet, or has applied less than
 * the client has seen, first catches up with the leader (a sync) and only then decides: a session
 * created or used through another member a moment ago is not refused for this member's lag. A
 * client still ahead after that is refused (the socket closes, it tries another server). While this
 * member has no leader (an election is on) a handshake is held for up to {@code holdMs} and
 * resumed as soon as it serves; after that the socket closes with no response and the client tries
 * another server. Holding spares a client that moved off a dead leader its reconnect back-off (the
 * ZooKeeper client sleeps up to a second before every attempt). Pipeline thread only.
 */
final class EnsembleHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleHandshake.class);

    /** How handshake replies leave (the client side's ordered sender). */
    interface Sender {
        void send(ClientConnection c, byte[] frame, long zxid, boolean closeAfter);
    }

    private record Connecting(ClientConnection connection) {
    }

    private record Held(ConnectRequest request, long deadline) {
    }

    /** A handshake waiting until this member applied what the leader had logged ({@code target}, -1 until known). */
    private static final class CatchingUp {
        final ClientConnection connection;
        final ConnectRequest request;
        long target = -1;

        CatchingUp(ClientConnection connection, ConnectRequest request) {
            this.connection = connection;
            this.request = request;
        }
    }

    private final EnsembleCore core;
    private final SessionIds ids;
    private final int minTimeout;
    private final int maxTimeout;
    private final ReplyFrames frames = new ReplyFrames();
    private final Map<Long, ClientConnection> bound = new HashMap<>();
    private final Map<Long, Connecting> connecting = new HashMap<>();
    /** By sync token; the handshake's tokens are negative, the client side's positive. */
    private final Map<Long, CatchingUp> catchingUp = new HashMap<>();
    /** Handshakes waiting for this member to serve, in arrival order. */
    private final Map<ClientConnection, Held> held = new LinkedHashMap<>();
    private final LongSupplier clock;
    /** How long a handshake waits for this member to serve before its socket is closed. */
    private final long holdMs;
    private long lastToken;
    private Sender sender;

    EnsembleHandshake(EnsembleCore core, SessionIds ids, int minTimeout, int maxTimeout, long holdMs,
                      LongSupplier clock) {
        this.core = core;
        this.clock = clock;
        this.holdMs = holdMs;
        this.ids = ids;
        this.minTimeout = minTimeout;
        this.maxTimeout = maxTimeout;
    }

    void bind(Sender sender) {
        this.sender = sender;
    }

    void connect(ClientConnection c, ConnectRequest req) {
        c.readOnlyFieldPresent(req.readOnly() != null);
        if (req.protocolVersion() != 0 || req.passwd() == null) {
            c.close();
            return;
        }
        if (!core.serving()) {
            LOG.debug("Holding {}: no established leader yet", c.remoteAddress());
            held.put(c, new Held(req, clock.getAsLong() + holdMs));
            return;
        }
        admit(c, req, false);
    }

    private void admit(ClientConnection c, ConnectRequest req, boolean caughtUp) {
        long applied = core.data().lastApplied();
        boolean behind = req.lastZxidSeen() > applied;
        boolean unknown = req.sessionId() != 0 && !core.data().store().hasSession(req.sessionId());
        if ((behind || unknown) && !caughtUp && !core.isEstablishedLeader()) {
            catchUp(c, req);
            return;
        }
        if (behind) {
            LOG.info("Refusing session 0x{} from {}: client has seen zxid 0x{}, this server is at 0x{}",
                    Long.toHexString(req.sessionId()), c.remoteAddress(), Long.toHexString(req.lastZxidSeen()),
                    Long.toHexString(applied));
            c.close();
            return;
        }
        int timeout = Math.max(minTimeout, Math.min(maxTimeout, req.timeOut()));
        if (req.sessionId() == 0) {
            long id = ids.nextId();
            connecting.put(id, new Connecting(c));
            byte[] body = new JuteWriter(4).writeInt(timeout).toByteArray();
            if (!core.write(id, 0, OpCode.createSession, body, AuthInfo.NONE, null)) {
                connecting.remove(id);
                c.close();
            }
            return;
        }
        reattach(c, req);
    }

    /** Asks the leader how far its log goes; the handshake resumes once this member applied that far. */
    private void catchUp(ClientConnection c, ConnectRequest req) {
        long token = --lastToken;
        catchingUp.put(token, new CatchingUp(c, req));
        if (!core.sync(token)) {
            catchingUp.remove(token);
            c.close();
        }
    }

    /** This member serves now: resume the held handshakes. */
    void nowServing() {
        if (held.isEmpty() || !core.serving()) {
            return;
        }
        List<Map.Entry<ClientConnection, Held>> resumed = new ArrayList<>(held.entrySet());
        held.clear();
        for (Map.Entry<ClientConnection, Held> e : resumed) {
            if (!e.getKey().isClosing()) {
                connect(e.getKey(), e.getValue().request());
            }
        }
    }

    /** Closes held handshakes whose wait is over (the client then tries another server). */
    void expireHeld() {
        if (held.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<ClientConnection, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ClientConnection, Held> e = it.next();
            if (e.getKey().isClosing() || now >= e.getValue().deadline()) {
                it.remove();
                LOG.debug("Refusing {}: no established leader", e.getKey().remoteAddress());
                e.getKey().close();
            }
        }
    }

    /** True while {@code c}'s handshake waits for this member to serve (a reset must not close it). */
    boolean isHeld(ClientConnection c) {
        return held.containsKey(c);
    }

    /** The leader answered a sync; false when {@code token} is not a handshake's. */
    boolean syncTarget(long token, long zxid) {
        CatchingUp w = catchingUp.get(token);
        if (w == null) {
            return false;
        }
        w.target = zxid;
        applied();
        return true;
    }

    /** Something was applied (or a target arrived): resume the handshakes that have caught up. */
    void applied() {
        if (catchingUp.isEmpty()) {
            return;
        }
        long applied = core.data().lastApplied();
        List<CatchingUp> ready = new ArrayList<>();
        for (Iterator<CatchingUp> it = catchingUp.values().iterator(); it.hasNext(); ) {
            CatchingUp w = it.next();
            if (w.connection.isClosing()) {
                it.remove();
            } else if (w.target >= 0 && applied >= w.target) {
                it.remove();
                ready.add(w);
            }
        }
        for (CatchingUp w : ready) { // admitting may write, so not while iterating
            admit(w.connection, w.request, true);
        }
    }

    private void reattach(ClientConnection c, ConnectRequest req) {
        long id = req.sessionId();
        byte[] password = core.data().passwordOf(id);
        Integer timeout = core.data().store().sessions().get(id);
        if (timeout == null || password == null || !MessageDigest.isEqual(password, req.passwd())) {
            LOG.info("Invalid or expired session 0x{} from {}", Long.toHexString(id), c.remoteAddress());
            sender.send(c, frames.bare(ConnectResponse.invalid(readOnlyField(c))), core.data().lastApplied(), true);
            return;
        }
        ClientConnection previous = bound.remove(id);
        if (previous != null && previous != c) {
            previous.close();
        }
        bindSession(c, id, timeout);
        core.touched(id);
        sender.send(c, frames.bare(new ConnectResponse(0, timeout, id, password, readOnlyField(c))),
                core.data().lastApplied(), false);
    }

    /** A createSession txn was applied: answer its client if it connected here. */
    void created(long id, int timeout) {
        Connecting pending = connecting.remove(id);
        if (pending == null || pending.connection().isClosing()) {
            return; // another server's client, or ours left: the session expires unless re-attached
        }
        ClientConnection c = pending.connection();
        bindSession(c, id, timeout);
        sender.send(c, frames.bare(new ConnectResponse(0, timeout, id, core.data().passwordOf(id), readOnlyField(c))),
                core.data().lastApplied(), false);
    }

    private static Boolean readOnlyField(ClientConnection c) {
        return c.readOnlyFieldPresent() ? Boolean.FALSE : null;
    }

    private void bindSession(ClientConnection c, long id, int timeout) {
        c.bindSession(id, timeout);
        bound.put(id, c);
    }

    ClientConnection connectionOf(long sessionId) {
        return bound.get(sessionId);
    }

    void unbind(long sessionId) {
        bound.remove(sessionId);
    }

    void connectionClosed(ClientConnection c) {
        held.remove(c);
        if (c.sessionId() != 0 && bound.get(c.sessionId()) == c) {
            bound.remove(c.sessionId());
        }
    }

    void reset() {
        bound.clear();
        connecting.clear();
        catchingUp.clear();
    }

    int boundCount() {
        return bound.size();
    }
}
