package io.warden.server.ensemble;

import io.warden.server.net.ClientConnection;
import io.warden.server.pipeline.SessionPasswords;
import io.warden.server.session.SessionIds;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.wire.Handshake.ConnectRequest;
import io.warden.znode.wire.Handshake.ConnectResponse;
import io.warden.znode.wire.JuteWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Client handshakes on an ensemble member. A new session is a createSession txn (its id is made
 * here, unique per server id): the ConnectResponse leaves when this server applies it. Re-attaching
 * checks the password (the same secret on every member) against the replicated session table, and
 * refuses a client that has seen a newer zxid than this server applied. Without an established
 * leader nobody is let in: the socket closes with no response, so the client tries another server.
 * Pipeline thread only.
 */
final class EnsembleHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleHandshake.class);

    /** How handshake replies leave (the client side's ordered sender). */
    interface Sender {
        void send(ClientConnection c, byte[] frame, long zxid, boolean closeAfter);
    }

    private record Connecting(ClientConnection connection) {
    }

    private final EnsembleCore core;
    private final SessionPasswords passwords;
    private final SessionIds ids;
    private final int minTimeout;
    private final int maxTimeout;
    private final ReplyFrames frames = new ReplyFrames();
    private final Map<Long, ClientConnection> bound = new HashMap<>();
    private final Map<Long, Connecting> connecting = new HashMap<>();
    private Sender sender;

    EnsembleHandshake(EnsembleCore core, SessionPasswords passwords, SessionIds ids, int minTimeout, int maxTimeout) {
        this.core = core;
        this.passwords = passwords;
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
            LOG.debug("Refusing {}: no established leader", c.remoteAddress());
            c.close();
            return;
        }
        long applied = core.data().lastApplied();
        if (req.lastZxidSeen() > applied) {
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

    private void reattach(ClientConnection c, ConnectRequest req) {
        long id = req.sessionId();
        ClientConnection previous = bound.remove(id);
        if (previous != null && previous != c) {
            previous.close();
        }
        byte[] password = passwords.passwordFor(id);
        Integer timeout = core.data().store().sessions().get(id);
        if (timeout == null || !MessageDigest.isEqual(password, req.passwd())) {
            LOG.info("Invalid or expired session 0x{} from {}", Long.toHexString(id), c.remoteAddress());
            sender.send(c, frames.bare(ConnectResponse.invalid(readOnlyField(c))), core.data().lastApplied(), true);
            return;
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
        sender.send(c, frames.bare(new ConnectResponse(0, timeout, id, passwords.passwordFor(id), readOnlyField(c))),
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
        if (c.sessionId() != 0 && bound.get(c.sessionId()) == c) {
            bound.remove(c.sessionId());
        }
    }

    void reset() {
        bound.clear();
        connecting.clear();
    }

    int boundCount() {
        return bound.size();
    }
}
