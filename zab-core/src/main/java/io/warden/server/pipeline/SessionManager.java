package io.warden.server.pipeline;

import io.warden.server.net.ClientConnection;
import io.warden.server.session.SessionIds;
import io.warden.server.session.SessionTracker;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.acl.Authenticator;
import io.warden.znode.tree.RequestContext;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.wire.Handshake.ConnectRequest;
import io.warden.znode.wire.Handshake.ConnectResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sessions of the client port: the handshake (create or re-attach), touches, expiry, explicit close
 * and per-connection auth ids. Pipeline thread only.
 */
final class SessionManager {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

    /** Per-connection state kept as the connection's attachment. */
    static final class ConnState {
        final ConnectionWatchSink sink;
        AuthInfo auth;
        boolean handshakeSeen;

        ConnState(ClientConnection c) {
            auth = AuthInfo.forAddress(c.remoteHost());
            sink = new ConnectionWatchSink(c, auth);
        }
    }

    private final ZnodeStore store;
    private final TxnPipeline txns;
    private final SessionTracker tracker;
    private final SessionIds ids;
    private final Frames frames;
    private final LongSupplier clock;
    private final int minTimeout;
    private final int maxTimeout;
    private final Authenticator authenticator;
    private final SessionPasswords passwords;
    private final Map<Long, ClientConnection> bound = new HashMap<>();

    SessionManager(ZnodeStore store, TxnPipeline txns, SessionTracker tracker, SessionIds ids, Frames frames,
                   LongSupplier clock, int minTimeout, int maxTimeout, String superDigest, SessionPasswords passwords) {
        this.store = store;
        this.txns = txns;
        this.tracker = tracker;
        this.ids = ids;
        this.frames = frames;
        this.clock = clock;
        this.minTimeout = minTimeout;
        this.maxTimeout = maxTimeout;
        this.authenticator = new Authenticator(superDigest);
        this.passwords = passwords;
    }

    private ConnState state(ClientConnection c) {
        ConnState s = c.attachment();
        if (s == null) {
            s = new ConnState(c);
            c.attach(s);
        }
        return s;
    }

    boolean handshakeSeen(ClientConnection c) {
        return state(c).handshakeSeen;
    }

    /** The handshake: wire-protocol.md §2.3, in ZooKeeper's order. */
    void connect(ClientConnection c, ConnectRequest req) {
        ConnState st = state(c);
        st.handshakeSeen = true;
        c.readOnlyFieldPresent(req.readOnly() != null);
        if (req.protocolVersion() != 0 || req.passwd() == null) {
            LOG.warn("Closing {}: not a ConnectRequest (protocol version {})", c.remoteAddress(), req.protocolVersion());
            c.close();
            return;
        }
        if (req.lastZxidSeen() > txns.lastZxid()) {
            LOG.info("Refusing session 0x{} from {}: client has seen zxid 0x{}, this server is at 0x{}",
                    Long.toHexString(req.sessionId()), c.remoteAddress(), Long.toHexString(req.lastZxidSeen()),
                    Long.toHexString(txns.lastZxid()));
            c.close();
            return;
        }
        int timeout = Math.max(minTimeout, Math.min(maxTimeout, req.timeOut()));
        if (req.sessionId() == 0) {
            long id = ids.nextId();
            byte[] password = passwords.passwordFor(id);
            tracker.add(id, timeout, clock.getAsLong());
            bind(c, id, timeout);
            txns.submit(id, 0, store.prepareCreateSession(id, timeout, clock.getAsLong()).txn(), null, false);
            txns.emit(c, frames.bare(new ConnectResponse(0, timeout, id, password, readOnlyField(c))), false);
            return;
        }
        reattach(c, req, timeout);
    }

    private void reattach(ClientConnection c, ConnectRequest req, int timeout) {
        long id = req.sessionId();
        ClientConnection previous = bound.remove(id);
        if (previous != null && previous != c) {
            // A session lives on one connection: the newest handshake wins, even before the password check.
            previous.close();
        }
        byte[] password = passwords.passwordFor(id);
        if (!tracker.contains(id) || !store.hasSession(id) || !MessageDigest.isEqual(password, req.passwd())) {
            LOG.info("Invalid or expired session 0x{} from {}", Long.toHexString(id), c.remoteAddress());
            txns.emit(c, frames.bare(ConnectResponse.invalid(c.readOnlyFieldPresent() ? Boolean.FALSE : null)), true);
            return;
        }
        int agreed = tracker.timeoutOf(id);
        tracker.touch(id, clock.getAsLong());
        bind(c, id, agreed);
        txns.emit(c, frames.bare(new ConnectResponse(0, agreed, id, password, readOnlyField(c))), false);
    }

    private Boolean readOnlyField(ClientConnection c) {
        return c.readOnlyFieldPresent() ? Boolean.FALSE : null;
    }

    private void bind(ClientConnection c, long id, int timeout) {
        c.bindSession(id, timeout);
        bound.put(id, c);
    }

    /** Every packet touches the session. @return false when the session has expired or was closed */
    boolean touch(ClientConnection c) {
        return c.sessionId() != 0 && tracker.touch(c.sessionId(), clock.getAsLong());
    }

    RequestContext context(ClientConnection c, int cxid) {
        ConnState st = state(c);
        return new RequestContext(c.sessionId(), cxid, st.auth, st.sink, clock.getAsLong());
    }

    /** addauth: digest (and ip) schemes; anything else fails the connection. */
    boolean addAuth(ClientConnection c, String scheme, byte[] auth) {
        ConnState st = state(c);
        AuthInfo next = authenticator.authenticate(st.auth, scheme, auth, c.remoteHost());
        if (next == null) {
            LOG.info("Auth failed for {}: scheme {}", c.remoteAddress(), scheme);
            return false;
        }
        st.auth = next;
        st.sink.auth(next);
        return true;
    }

    /** closeSession (-11): commit the close, reply, then close the socket. */
    void close(ClientConnection c, int xid) {
        long id = c.sessionId();
        tracker.remove(id);
        bound.remove(id);
        txns.submit(id, xid, store.prepareCloseSession(id, clock.getAsLong()).txn(), c, true);
    }

    /** Sweeps expired sessions into closeSession transactions; their connections are closed. */
    void expire() {
        for (long id : tracker.expire(clock.getAsLong())) {
            LOG.info("Expiring session 0x{}", Long.toHexString(id));
            ClientConnection c = bound.remove(id);
            txns.submit(id, 0, store.prepareCloseSession(id, clock.getAsLong()).txn(), null, false);
            if (c != null) {
                txns.emit(c, null, true);
            }
        }
    }

    void connectionClosed(ClientConnection c) {
        ConnState st = c.attachment();
        if (st != null) {
            store.removeWatches(st.sink);
        }
        if (c.sessionId() != 0 && bound.get(c.sessionId()) == c) {
            bound.remove(c.sessionId());
        }
    }

    /** Re-tracks sessions recovered from disk as if touched now, so their clients can re-attach. */
    void recovered(Map<Long, Integer> sessionTimeouts) {
        long now = clock.getAsLong();
        sessionTimeouts.forEach((id, t) -> tracker.add(id, t, now));
    }

    int liveSessions() {
        return tracker.size();
    }

    SessionTracker tracker() {
        return tracker;
    }

    Map<Long, ClientConnection> boundConnections() {
        return bound;
    }

}
