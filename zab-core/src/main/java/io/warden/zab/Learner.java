package io.warden.zab;

import io.warden.zab.discovery.EpochRules;
import io.warden.zab.message.QuorumMessage;
import io.warden.zab.message.QuorumMessage.Ack;
import io.warden.zab.message.QuorumMessage.AckEpoch;
import io.warden.zab.message.QuorumMessage.AckNewLeader;
import io.warden.zab.message.QuorumMessage.Commit;
import io.warden.zab.message.QuorumMessage.Diff;
import io.warden.zab.message.QuorumMessage.FollowerInfo;
import io.warden.zab.message.QuorumMessage.Inform;
import io.warden.zab.message.QuorumMessage.LeaderInfo;
import io.warden.zab.message.QuorumMessage.NewLeader;
import io.warden.zab.message.QuorumMessage.ObserverInfo;
import io.warden.zab.message.QuorumMessage.Ping;
import io.warden.zab.message.QuorumMessage.Proposal;
import io.warden.zab.message.QuorumMessage.Snap;
import io.warden.zab.message.QuorumMessage.Trunc;
import io.warden.zab.message.QuorumMessage.UpToDate;
import io.warden.zab.message.ZabMessage;
import java.util.List;

/**
 * A follower or an observer, for one connection to one leader. Anything out of protocol ends the
 * connection and sends the peer back to election; the leader re-syncs it from scratch.
 */
final class Learner implements RoleBehavior {
    private enum Phase { CONNECTING, AWAIT_SYNC, AWAIT_NEWLEADER, SYNCED, BROADCAST }

    private final Replica replica;
    private final Outbox out;
    private final Transitions transitions;
    private final long leader;
    private final long session;
    private final boolean observer;
    private Phase phase = Phase.CONNECTING;
    private long epoch = -1;
    private int silentTicks;
    private long ackedZxid = -1;
    private boolean active = true;

    Learner(Replica replica, Transitions transitions, long leader, long session) {
        this.replica = replica;
        this.out = replica.out;
        this.transitions = transitions;
        this.leader = leader;
        this.session = session;
        this.observer = replica.config.iAmObserver();
    }

    void start() {
        sendInfo();
    }

    /** FOLLOWERINFO / OBSERVERINFO; repeated while connecting, since the leader may still be LOOKING. */
    private void sendInfo() {
        if (observer) {
            out.send(leader, new ObserverInfo(session, replica.currentEpoch(), replica.lastZxid()));
        } else {
            out.send(leader, new FollowerInfo(session, replica.acceptedEpoch()));
        }
    }

    @Override
    public Role role() {
        return observer ? Role.OBSERVING : Role.FOLLOWING;
    }

    @Override
    public long leader() {
        return leader;
    }

    /** The epoch of the leader we synced with, once known. */
    long epoch() {
        return epoch;
    }

    @Override
    public void tick() {
        int limit = phase == Phase.BROADCAST ? replica.config.syncLimit() : replica.config.initLimit();
        if (++silentTicks > limit) {
            abandon("leader silent for " + silentTicks + " ticks in " + phase);
        } else if (phase == Phase.CONNECTING && silentTicks % 2 == 0) {
            sendInfo();
        }
    }

    @Override
    public void step(long from, ZabMessage message) {
        if (from != leader || !(message instanceof QuorumMessage m) || m.session() != session) {
            return; // not our leader, or a late message of an earlier connection
        }
        if (phase == Phase.BROADCAST) {
            silentTicks = 0; // before broadcast, initLimit bounds the whole discovery and sync
        }
        if (m instanceof Ping p) {
            onPing(p);
        } else if (m instanceof LeaderInfo li) {
            onLeaderInfo(li);
        } else if (m instanceof Diff || m instanceof Trunc || m instanceof Snap) {
            onSyncStream(m);
        } else if (m instanceof NewLeader nl) {
            onNewLeader(nl);
        } else if (m instanceof UpToDate u) {
            onUpToDate(u);
        } else if (m instanceof Proposal p) {
            onProposal(p);
        } else if (m instanceof Commit c) {
            onCommit(c);
        } else if (m instanceof Inform i) {
            onInform(i);
        }
    }

    @Override
    public void persistedAdvanced() {
        // Phase 3: ACK only what is durable, and only after NEWLEADER was acknowledged (ZOOKEEPER-4646).
        if (observer || !active || (phase != Phase.SYNCED && phase != Phase.BROADCAST)) {
            return;
        }
        long durable = replica.durableZxid();
        if (durable > ackedZxid) {
            ackedZxid = durable;
            out.send(leader, new Ack(session, epoch, durable));
        }
    }

    /**
     * Phase 3 keep-alive. The leader's log end and commit point were sent after every earlier
     * PROPOSAL/INFORM/COMMIT on this connection; if we lack them, something was lost: re-sync.
     */
    private void onPing(Ping p) {
        if (phase == Phase.BROADCAST || phase == Phase.SYNCED) {
            long needed = observer ? p.commitZxid() : p.zxid();
            if (replica.lastZxid() < needed) {
                abandon("missed history up to " + Zxid.toString(needed));
                return;
            }
            if (phase == Phase.BROADCAST || !observer) {
                replica.commitUpTo(p.commitZxid());
            }
        }
        out.send(leader, new Ping(session, p.epoch(), Math.max(ackedZxid, 0), 0));
    }

    /** Phase 1 (discovery): accept the new epoch durably before acknowledging it. */
    private void onLeaderInfo(LeaderInfo li) {
        if (phase != Phase.CONNECTING || observer) {
            return; // duplicate
        }
        if (!EpochRules.followerAccepts(li.epoch(), replica.acceptedEpoch())) {
            abandon("leader epoch " + li.epoch() + " older than accepted " + replica.acceptedEpoch());
            return;
        }
        if (li.epoch() > replica.acceptedEpoch()) {
            replica.saveAcceptedEpoch(li.epoch());
        }
        epoch = li.epoch();
        phase = Phase.AWAIT_SYNC;
        out.send(leader, new AckEpoch(session, replica.currentEpoch(), replica.lastZxid()));
    }

    /** Phase 2 (synchronization): DIFF, TRUNC or SNAP, logged but not yet applied. */
    private void onSyncStream(QuorumMessage m) {
        boolean expected = observer ? phase == Phase.CONNECTING : phase == Phase.AWAIT_SYNC;
        if (!expected) {
            return; // a duplicate of a stream we already took
        }
        if (observer && !adoptObserverEpoch(streamEpoch(m))) {
            return;
        }
        List<Txn> entries;
        ZabEvent.SyncKind kind;
        if (m instanceof Trunc t) {
            replica.truncateAfter(t.truncZxid());
            entries = t.entries();
            kind = ZabEvent.SyncKind.TRUNC;
        } else if (m instanceof Snap s) {
            replica.installSnapshot(s.snapshot());
            entries = s.entries();
            kind = ZabEvent.SyncKind.SNAP;
        } else {
            entries = ((Diff) m).entries();
            kind = ZabEvent.SyncKind.DIFF;
        }
        entries.forEach(replica::append); // contiguity asserted by the log
        out.event(new ZabEvent.Synchronized(leader, kind, replica.lastZxid()));
        phase = observer ? Phase.SYNCED : Phase.AWAIT_NEWLEADER;
    }

    /** Observers keep epochs only to refuse stale leaders; they never vote with them. */
    private boolean adoptObserverEpoch(long leaderEpoch) {
        if (leaderEpoch < replica.currentEpoch()) {
            abandon("observer refuses stale leader epoch " + leaderEpoch);
            return false;
        }
        epoch = leaderEpoch;
        if (leaderEpoch > replica.acceptedEpoch()) {
            replica.saveAcceptedEpoch(leaderEpoch);
        }
        if (leaderEpoch > replica.currentEpoch()) {
            replica.saveCurrentEpoch(leaderEpoch);
        }
        return true;
    }

    /**
     * Phase 2 ends: persist the synced history, then currentEpoch, then ACK (ZOOKEEPER-3911, -4643).
     * The currentEpoch write is a barrier, so the ACK cannot leave before the history is fsynced.
     */
    private void onNewLeader(NewLeader nl) {
        if (phase != Phase.AWAIT_NEWLEADER) {
            if (phase == Phase.AWAIT_SYNC) {
                abandon("NEWLEADER before the sync stream");
            }
            return;
        }
        if (nl.epoch() != epoch || nl.lastZxid() != replica.lastZxid()) {
            abandon("NEWLEADER for " + Zxid.toString(nl.lastZxid()) + " but synced to "
                    + Zxid.toString(replica.lastZxid()));
            return;
        }
        replica.saveCurrentEpoch(epoch);
        phase = Phase.SYNCED;
        out.send(leader, new AckNewLeader(session, epoch));
        ackedZxid = replica.lastZxid();
    }

    /** UPTODATE: the leader is established; what it commits we may now apply. */
    private void onUpToDate(UpToDate u) {
        if (phase != Phase.SYNCED) {
            if (phase != Phase.BROADCAST) {
                abandon("UPTODATE in " + phase);
            }
            return;
        }
        if (!commit(u.commitZxid())) {
            return;
        }
        phase = Phase.BROADCAST;
        silentTicks = 0;
    }

    /** Phase 3: log a proposal; duplicates are ignored, holes end the connection. */
    private void onProposal(Proposal p) {
        if (!acceptingBroadcast() || observer) {
            return;
        }
        long zxid = p.txn().zxid();
        if (zxid <= replica.lastZxid()) {
            return; // duplicate delivery
        }
        if (Zxid.epoch(zxid) != epoch || !Zxid.follows(replica.lastZxid(), zxid)) {
            abandon("proposal " + Zxid.toString(zxid) + " does not follow " + Zxid.toString(replica.lastZxid()));
            return;
        }
        replica.append(p.txn());
    }

    private void onCommit(Commit c) {
        if (acceptingBroadcast() && !observer) {
            commit(c.zxid());
        }
    }

    /** Phase 3 for observers: INFORM carries a committed transaction; log it and apply it. */
    private void onInform(Inform i) {
        if (!acceptingBroadcast() || !observer) {
            return;
        }
        long zxid = i.txn().zxid();
        if (zxid <= replica.lastZxid()) {
            return;
        }
        if (!Zxid.follows(replica.lastZxid(), zxid)) {
            abandon("inform " + Zxid.toString(zxid) + " does not follow " + Zxid.toString(replica.lastZxid()));
            return;
        }
        replica.append(i.txn());
        replica.commitUpTo(zxid);
    }

    /** A commit point beyond what we logged means we missed a proposal. */
    private boolean commit(long zxid) {
        if (zxid > replica.lastZxid()) {
            abandon("commit " + Zxid.toString(zxid) + " beyond log end " + Zxid.toString(replica.lastZxid()));
            return false;
        }
        replica.commitUpTo(zxid);
        return true;
    }

    private boolean acceptingBroadcast() {
        if (phase == Phase.SYNCED || phase == Phase.BROADCAST) {
            return true;
        }
        abandon("broadcast message in " + phase);
        return false;
    }

    private static long streamEpoch(QuorumMessage m) {
        if (m instanceof Diff d) {
            return d.epoch();
        }
        if (m instanceof Trunc t) {
            return t.epoch();
        }
        return ((Snap) m).epoch();
    }

    /** A connection with our leader closed: it is gone (or re-dialling would start a new session anyway). */
    void leaderLinkLost() {
        abandon("connection to leader " + leader + " closed in " + phase);
    }

    private void abandon(String reason) {
        if (active) {
            active = false;
            transitions.lookForLeader(reason);
        }
    }
}
