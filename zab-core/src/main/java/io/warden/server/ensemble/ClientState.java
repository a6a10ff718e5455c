package io.warden.server.ensemble;

import io.warden.server.net.ClientConnection;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.watch.WatchSink;

import java.util.ArrayDeque;

/**
 * One client connection of an ensemble member: its auth ids, its watch sink identity and the queue
 * that keeps its replies in request order. A write waits in the queue until ZAB delivers it; a read
 * or sync queued behind unapplied writes of the same connection runs only after them (per-session
 * FIFO: a read sees the session's own earlier writes). Pipeline thread only.
 */
final class ClientState implements WatchSink {
    /** Something this connection is owed, in request order. */
    sealed interface Owed permits WriteOwed, ReadOwed, SyncOwed {
    }

    /** A write (or closeSession) sent to the quorum; {@code reply} is set when it is applied. */
    static final class WriteOwed implements Owed {
        final int cxid;
        byte[] reply;
        long zxid;
        boolean closeAfter;

        WriteOwed(int cxid) {
            this.cxid = cxid;
        }
    }

    /** A request that runs against the tree once everything before it is answered. */
    record ReadOwed(Runnable run) implements Owed {
    }

    /** A sync: answered once this server has applied up to {@code target} (-1 until the leader says). */
    static final class SyncOwed implements Owed {
        final long token;
        final int xid;
        final String path;
        long target = -1;

        SyncOwed(long token, int xid, String path) {
            this.token = token;
            this.xid = xid;
            this.path = path;
        }
    }

    final ClientConnection connection;
    final ArrayDeque<Owed> owed = new ArrayDeque<>();
    AuthInfo auth;
    boolean handshakeSeen;

    ClientState(ClientConnection connection) {
        this.connection = connection;
        this.auth = AuthInfo.forAddress(connection.remoteHost());
    }

    static ClientState of(ClientConnection c) {
        ClientState s = c.attachment();
        if (s == null) {
            s = new ClientState(c);
            c.attach(s);
        }
        return s;
    }

    /** The first unanswered write with this cxid, or null. */
    WriteOwed pendingWrite(int cxid) {
        for (Owed o : owed) {
            if (o instanceof WriteOwed w && w.reply == null && w.cxid == cxid) {
                return w;
            }
        }
        return null;
    }

    @Override
    public long sessionId() {
        return connection.sessionId();
    }

    @Override
    public AuthInfo authInfo() {
        return auth;
    }
}
