package io.warden.server.ensemble;

import io.warden.server.admin.ServerMode;
import io.warden.server.quorum.PeerFrame;
import io.warden.server.quorum.QuorumPeer;
import io.warden.zab.NotLeaderException;
import io.warden.zab.Role;
import io.warden.zab.Snapshot;
import io.warden.zab.Txn;
import io.warden.zab.ZabEvent;
import io.warden.zab.ZabPeer;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.tree.Prepared;
import io.warden.znode.tree.RequestContext;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.ErrorTxn;
import io.warden.znode.watch.WatchSink;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests.PathRequest;
import io.warden.znode.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The replicated side of one ensemble member: applies what ZAB delivers to the {@link ReplicatedStore},
 * follows role changes, turns client writes into proposals (leader) or forwards (learners), answers
 * the learners' forwards, syncs and touches, and runs session expiry while leading. Everything runs on
 * the pipeline thread, which also drives the {@link QuorumPeer}.
 */
final class EnsembleCore implements QuorumPeer.Application {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleCore.class);

    /** What the client side needs to hear about. */
    interface Listener {
        void applied(ReplicatedStore.Applied applied);

        /** Role or state replaced: connections must go (clients reconnect, possibly elsewhere). */
        void reset(String reason);

        /** The leader answered sync {@code token}: reply once applied up to {@code zxid}. */
        void syncTarget(long token, long zxid);

        /** This member has just started to serve clients (see {@link #serving()}). */
        void nowServing();
    }

    private final long myId;
    private final ReplicatedStore data;
    private final LeaderSessions sessions;
    private final LongSupplier clock;
    private final Set<Long> touched = new LinkedHashSet<>();
    /** Session passwords: drawn by the leader, replicated with the createSession. */
    private final SecureRandom passwordSource = new SecureRandom();
    /** Learner frames that reached us while leading but not yet established; replayed once we are. */
    private final List<Runnable> heldForEstablishment = new ArrayList<>();
    private QuorumPeer quorum;
    private Listener listener;
    private Runnable afterApply = () -> { };
    private Supplier<Snapshot> durable = () -> null;
    private volatile Role role = Role.LOOKING;
    private volatile long leaderId = -1;
    private volatile boolean established;
    /** A learner has taken its leader's sync stream (the leader is LEADING, so forwards reach it). */
    private volatile boolean synced;
    private volatile boolean observer;
    private volatile ZabEvent.SyncKind lastSync;

    EnsembleCore(long myId, ReplicatedStore data, LeaderSessions sessions, LongSupplier clock) {
        this.myId = myId;
        this.data = data;
        this.sessions = sessions;
        this.clock = clock;
    }

    void bind(QuorumPeer quorum, Listener listener, boolean observer) {
        this.quorum = quorum;
        this.listener = listener;
        this.observer = observer;
    }

    /** Runs after every applied transaction (snapshot scheduling). */
    void afterApply(Runnable hook) {
        this.afterApply = hook;
    }

    /** Where {@link #takeSnapshot} finds the newest snapshot on disk (pipeline thread). */
    void durableSnapshots(Supplier<Snapshot> newest) {
        this.durable = newest;
    }

    ReplicatedStore data() {
        return data;
    }

    LeaderSessions sessions() {
        return sessions;
    }

    ZabPeer peer() {
        return quorum.peer();
    }

    /**
     * True when clients may be served: an established leader, or a learner synchronized with its
     * leader. Not as soon as a learner has elected one: that peer may still be LOOKING and would
     * drop the createSession, write or sync forwarded to it, leaving the client unanswered.
     */
    boolean serving() {
        return role == Role.LEADING ? established : (role == Role.FOLLOWING || role == Role.OBSERVING) && synced;
    }

    boolean isEstablishedLeader() {
        return role == Role.LEADING && established;
    }

    long leaderId() {
        return leaderId;
    }

    /** Any thread. */
    ServerMode mode() {
        if (role == Role.LEADING) {
            return ServerMode.LEADER;
        }
        return observer ? ServerMode.OBSERVER : ServerMode.FOLLOWER;
    }

    Role role() {
        return role;
    }

    /** How this member was last brought level with a leader, null if never (any thread). */
    ZabEvent.SyncKind lastSync() {
        return lastSync;
    }

    // ---- ZAB deliveries ----

    @Override
    public void apply(Txn txn) {
        ReplicatedStore.Applied a = data.apply(txn);
        sessions.applied(a.header().sessionId(), a.txn());
        listener.applied(a);
        afterApply.run();
    }

    @Override
    public void restore(Snapshot snapshot) {
        LOG.info("Server {}: installing snapshot at 0x{}", myId, Long.toHexString(snapshot.zxid()));
        data.restore(snapshot);
        listener.reset("snapshot installed");
    }

    @Override
    public Snapshot takeSnapshot() {
        // Zab phase 2, SNAP: the newest snapshot on disk plus the log after it, when the log still
        // reaches back to it, streams from the file; serializing the live tree here would stall
        // this thread (and every client) for as long as a large tree takes to encode.
        Snapshot stored = durable.get();
        if (stored != null && stored.zxid() >= quorum.peer().log().baseZxid()
                && stored.zxid() <= data.lastApplied()) {
            LOG.info("SNAP from the snapshot file at 0x{} ({})", Long.toHexString(stored.zxid()), stored.data());
            return stored;
        }
        LOG.info("SNAP from the live tree at 0x{}", Long.toHexString(data.lastApplied()));
        return data.snapshot();
    }

    @Override
    public void event(ZabEvent event) {
        if (event instanceof ZabEvent.RoleChanged rc) {
            synced = false; // before role: other threads read serving() without the pipeline
            role = rc.role();
            leaderId = rc.leader();
            established = false;
            heldForEstablishment.clear();
            sessions.stop();
            data.discardPending();
            touched.clear();
            listener.reset("role changed to " + rc.role() + " (" + rc.reason() + ")");
        } else if (event instanceof ZabEvent.Synchronized s) {
            lastSync = s.kind();
            if (!synced && s.leader() == leaderId && (role == Role.FOLLOWING || role == Role.OBSERVING)) {
                synced = true; // Zab phase 2 (synchronization) reached us: the leader is LEADING
                listener.nowServing();
            }
        } else if (event instanceof ZabEvent.LeaderEstablished) {
            established = true;
            sessions.start(data.store().sessions());
            List<Runnable> held = new ArrayList<>(heldForEstablishment);
            heldForEstablishment.clear();
            held.forEach(Runnable::run);
            listener.nowServing();
        }
    }

    @Override
    public void frame(long from, PeerFrame frame) {
        if (role == Role.LEADING && !established && !(frame instanceof PeerFrame.SyncReply)) {
            // A learner may hand us requests before a quorum acknowledged us: keep them, in order.
            heldForEstablishment.add(() -> frame(from, frame));
            return;
        }
        if (frame instanceof PeerFrame.Forward f) {
            if (isEstablishedLeader()) {
                sessions.touch(f.sessionId());
                ForwardedRequest req = ForwardedRequest.decode(f.body());
                propose(f.sessionId(), f.cxid(), f.opcode(), req.body(), req.auth(), null);
            }
        } else if (frame instanceof PeerFrame.SyncRequest s) {
            if (isEstablishedLeader()) {
                quorum.send(from, new PeerFrame.SyncReply(s.token(), peer().lastLoggedZxid()));
            }
        } else if (frame instanceof PeerFrame.SyncReply s) {
            listener.syncTarget(s.token(), s.zxid());
        } else if (frame instanceof PeerFrame.Touches t) {
            for (long id : t.sessionIds()) {
                sessions.touch(id);
            }
        }
    }

    // ---- the client side's requests ----

    /**
     * A client write (or createSession/closeSession): proposed here when leading, else forwarded to
     * the leader. The reply comes when the txn is applied. @return false when there is no leader
     */
    boolean write(long sessionId, int cxid, int opcode, byte[] body, AuthInfo auth, WatchSink sink) {
        if (isEstablishedLeader()) {
            sessions.touch(sessionId);
            return propose(sessionId, cxid, opcode, body, auth, sink);
        }
        if ((role == Role.FOLLOWING || role == Role.OBSERVING) && leaderId > 0) {
            quorum.send(leaderId, new PeerFrame.Forward(sessionId, cxid, opcode,
                    new ForwardedRequest(auth, body).encode()));
            return true;
        }
        return false;
    }

    /** Sync: the leader answers from its own log at once; a learner asks the leader. */
    boolean sync(long token) {
        if (isEstablishedLeader()) {
            listener.syncTarget(token, peer().lastLoggedZxid());
            return true;
        }
        if ((role == Role.FOLLOWING || role == Role.OBSERVING) && leaderId > 0) {
            quorum.send(leaderId, new PeerFrame.SyncRequest(token));
            return true;
        }
        return false;
    }

    /** A client of this server showed life; the leader hears of it at the next tick. */
    void touched(long sessionId) {
        if (isEstablishedLeader()) {
            sessions.touch(sessionId);
        } else {
            touched.add(sessionId);
        }
    }

    /** Once per tickTime: the leader expires sessions, learners relay touches. */
    void tick() {
        if (isEstablishedLeader()) {
            for (long id : sessions.expire()) {
                LOG.info("Server {}: expiring session 0x{}", myId, Long.toHexString(id));
                propose(id, 0, OpCode.closeSession, new byte[0], AuthInfo.NONE, null);
            }
        } else if (!touched.isEmpty() && serving() && leaderId > 0) {
            quorum.send(leaderId, new PeerFrame.Touches(touched.stream().mapToLong(Long::longValue).toArray()));
            touched.clear();
        }
    }

    /** The leader turns emptied containers and expired TTL nodes into deleteContainer txns. */
    void reap() {
        if (!isEstablishedLeader()) {
            return;
        }
        long now = clock.getAsLong();
        for (String path : data.store().reapCandidates(now, 1000)) {
            byte[] body = new JuteWriter(path.length() + 8).write(new PathRequest(path)).toByteArray();
            Prepared p = data.store().prepare(RequestContext.internal(now), OpCode.deleteContainer,
                    new JuteReader(body));
            if (p.isWrite() && !(p.txn() instanceof ErrorTxn)) {
                proposePrepared(0, 0, p, null, now);
            }
        }
    }

    private boolean propose(long sessionId, int cxid, int opcode, byte[] body, AuthInfo auth, WatchSink sink) {
        ZnodeStore store = data.store();
        long now = clock.getAsLong();
        Prepared p;
        byte[] password = null;
        try {
            if (opcode == OpCode.createSession) {
                p = store.prepareCreateSession(sessionId, new JuteReader(body).readInt(), now);
                password = new byte[16];
                passwordSource.nextBytes(password);
            } else if (opcode == OpCode.closeSession) {
                p = store.prepareCloseSession(sessionId, now);
            } else {
                p = store.prepare(new RequestContext(sessionId, cxid, auth, sink, now), opcode, new JuteReader(body));
            }
        } catch (WireFormatException | IndexOutOfBoundsException e) {
            p = Prepared.write(new ErrorTxn(Code.MARSHALLINGERROR.intValue()));
        }
        if (!p.isWrite()) {
            LOG.warn("Server {}: opcode {} forwarded as a write is not one", myId, opcode);
            return true;
        }
        return proposePrepared(sessionId, cxid, p, password, now);
    }

    private boolean proposePrepared(long sessionId, int cxid, Prepared p, byte[] password, long now) {
        try {
            ZabPeer peer = peer();
            long next = ReplicatedStore.nextZxid(peer.currentEpoch(), peer.lastLoggedZxid());
            data.propose(sessionId, cxid, p.txn(), password, now, next, quorum::propose);
            return true;
        } catch (NotLeaderException e) {
            LOG.info("Server {}: cannot propose, no longer leading", myId);
            data.discardPending();
            return false;
        }
    }
}
