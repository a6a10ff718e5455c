package io.warden.zab;

import io.warden.zab.broadcast.AckQuorum;
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
import io.warden.zab.sync.SyncPlan;
import io.warden.zab.sync.SyncPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The leader for one term: discovery (fix an epoch above a quorum's accepted epochs),
 * synchronization (bring each learner level, establish on a quorum of NEWLEADER acks) and
 * broadcast (propose, count ACKs, commit). Steps down when it loses its quorum.
 */
final class Leader implements RoleBehavior {
    private enum Phase { DISCOVERY, SYNCHRONIZATION, BROADCAST }

    private final Replica replica;
    private final Outbox out;
    private final ZabConfig config;
    private final Transitions transitions;
    private final Supplier<Snapshot> snapshots;
    private final Map<Long, LearnerProgress> learners = new TreeMap<>();
    /** Voters that accepted our epoch from us; only they may rejoin with acceptedEpoch == our epoch. */
    private final Set<Long> epochAckers = new HashSet<>();
    private Phase phase = Phase.DISCOVERY;
    private long epoch = -1;
    private boolean historyFixed;
    private long now;
    private long phaseStartTick;
    private boolean active = true;

    Leader(Replica replica, Transitions transitions, Supplier<Snapshot> snapshots) {
        this.replica = replica;
        this.out = replica.out;
        this.config = replica.config;
        this.transitions = transitions;
        this.snapshots = snapshots;
    }

    @Override
    public Role role() {
        return Role.LEADING;
    }

    @Override
    public long leader() {
        return config.myId();
    }

    boolean established() {
        return phase == Phase.BROADCAST && active;
    }

    long epoch() {
        return epoch;
    }

    /** Learner connections, for four-letter words (read-only diagnostics). */
    ZabPeer.LearnerCounts learnerCounts() {
        int voters = 0;
        int observers = 0;
        for (LearnerProgress l : learners.values()) {
            if (l.synced()) {
                if (l.observer) {
                    observers++;
                } else {
                    voters++;
                }
            }
        }
        return new ZabPeer.LearnerCounts(learners.size(), voters, observers);
    }

    @Override
    public void tick() {
        now++;
        if (now % config.pingTicks() == 0) {
            learners.values().forEach(l -> out.send(l.id,
                    new Ping(l.session, epoch, replica.lastZxid(), replica.committedZxid())));
        }
        learners.values().removeIf(l -> now - l.lastHeardTick > config.initLimit());
        if (phase != Phase.BROADCAST) {
            if (now - phaseStartTick > config.initLimit()) {
                stepDown("no quorum within initLimit during " + phase);
            }
            return;
        }
        checkQuorum("heard within syncLimit");
    }

    /** Phase 3 liveness: a leader that cannot hear a quorum of synced voters must not go on. */
    private void checkQuorum(String why) {
        long fresh = 1 + learners.values().stream().filter(l -> !l.observer && l.synced()
                && now - l.lastHeardTick <= config.syncLimit()).count();
        if (fresh < config.quorumSize()) {
            stepDown("lost quorum: " + fresh + " synced voters " + why);
        }
    }

    /**
     * The connection to learner {@code id} closed: that learner has already left this term (a
     * learner leaves on a closed leader link), so it is dropped at once, and in broadcast the
     * leader steps down now if the rest are no quorum, instead of serving writes it cannot
     * commit for syncLimit ticks.
     */
    void learnerLinkLost(long id) {
        if (learners.remove(id) != null && phase == Phase.BROADCAST) {
            checkQuorum("left after the link to " + id + " closed");
        }
    }

    @Override
    public void step(long from, ZabMessage message) {
        if (!(message instanceof QuorumMessage m)) {
            return;
        }
        if (m instanceof FollowerInfo fi) {
            onFollowerInfo(from, fi);
            return;
        }
        if (m instanceof ObserverInfo oi) {
            onObserverInfo(from, oi);
            return;
        }
        LearnerProgress l = learners.get(from);
        if (l == null || l.session != m.session()) {
            return; // a late message of a closed connection
        }
        l.lastHeardTick = now;
        if (m instanceof AckEpoch ae) {
            onAckEpoch(l, ae);
        } else if (m instanceof AckNewLeader) {
            onAckNewLeader(l);
        } else if (m instanceof Ack a) {
            onAck(l, a);
        } else if (m instanceof Ping p && p.zxid() > 0) {
            onAck(l, new Ack(p.session(), p.epoch(), p.zxid()));
        }
    }

    @Override
    public void persistedAdvanced() {
        maybeCommit();
    }

    /** Phase 3: assigns the next zxid of our epoch, logs it and sends it to every forwarding voter. */
    long propose(byte[] payload) {
        if (!established()) {
            throw new NotLeaderException(-1);
        }
        long last = replica.lastZxid();
        long counter = Zxid.epoch(last) == epoch ? Zxid.counter(last) + 1 : 1;
        Txn txn = new Txn(Zxid.of(epoch, counter), payload);
        replica.append(txn);
        for (LearnerProgress l : learners.values()) {
            if (!l.observer && l.forwarding()) {
                out.send(l.id, new Proposal(l.session, epoch, txn));
            }
        }
        if (counter >= Zxid.MAX_COUNTER) {
            stepDown("zxid counter exhausted; a new epoch is needed");
        }
        return txn.zxid();
    }

    /** Phase 1: collect FOLLOWERINFO until a quorum lets us fix an epoch. */
    private void onFollowerInfo(long from, FollowerInfo fi) {
        if (!config.isVoter(from)) {
            return;
        }
        LearnerProgress existing = learners.get(from);
        if (existing != null && existing.session == fi.session()) {
            if (existing.phase == LearnerProgress.Phase.EPOCH_SENT) {
                out.send(from, new LeaderInfo(existing.session, epoch)); // our LEADERINFO may be lost
            }
            return;
        }
        LearnerProgress l = new LearnerProgress(from, fi.session(), false, now);
        l.acceptedEpoch = fi.acceptedEpoch();
        learners.put(from, l);
        if (phase == Phase.DISCOVERY) {
            maybeFixEpoch();
        } else if (EpochRules.lateFollowerMayJoin(epoch, fi.acceptedEpoch(), epochAckers.contains(from))) {
            sendLeaderInfo(l);
        } else {
            // Someone accepted an epoch at least ours from another leader: only a newer epoch can win it.
            stepDown("voter " + from + " already accepted epoch " + fi.acceptedEpoch());
        }
    }

    private void maybeFixEpoch() {
        List<Long> accepted = new ArrayList<>();
        for (LearnerProgress l : learners.values()) {
            accepted.add(l.acceptedEpoch);
        }
        if (accepted.size() + 1 < config.quorumSize()) {
            return;
        }
        epoch = EpochRules.chooseNewEpoch(replica.acceptedEpoch(), accepted);
        replica.saveAcceptedEpoch(epoch);
        phase = Phase.SYNCHRONIZATION;
        phaseStartTick = now;
        learners.values().forEach(this::sendLeaderInfo);
        maybeFixHistory();
    }

    private void sendLeaderInfo(LearnerProgress l) {
        l.phase = LearnerProgress.Phase.EPOCH_SENT;
        out.send(l.id, new LeaderInfo(l.session, epoch));
    }

    /** Phase 1 end: ACKEPOCH; a follower ahead of us means we must not lead. */
    private void onAckEpoch(LearnerProgress l, AckEpoch ae) {
        if (l.phase != LearnerProgress.Phase.EPOCH_SENT) {
            return;
        }
        if (EpochRules.followerIsAhead(ae.currentEpoch(), ae.lastZxid(), replica.currentEpoch(),
                replica.lastZxid())) {
            stepDown("voter " + l.id + " is ahead: e" + ae.currentEpoch() + " " + Zxid.toString(ae.lastZxid()));
            return;
        }
        l.lastZxid = ae.lastZxid();
        l.phase = LearnerProgress.Phase.EPOCH_ACKED;
        epochAckers.add(l.id);
        if (historyFixed) {
            sendSync(l);
        } else {
            maybeFixHistory();
        }
    }

    /**
     * Phase 2 start: once a quorum acknowledged the epoch (so none of them is ahead of us) our history
     * becomes the epoch's initial history; adopt the epoch durably and sync everyone who is waiting.
     */
    private void maybeFixHistory() {
        long ackers = 1 + learners.values().stream().filter(l -> l.phase == LearnerProgress.Phase.EPOCH_ACKED).count();
        if (historyFixed || phase != Phase.SYNCHRONIZATION || ackers < config.quorumSize()) {
            return;
        }
        historyFixed = true;
        replica.saveCurrentEpoch(epoch);
        learners.values().stream().filter(l -> l.phase == LearnerProgress.Phase.EPOCH_ACKED).forEach(this::sendSync);
    }

    /** Phase 2: DIFF, TRUNC or SNAP, then NEWLEADER; from now on proposals follow in order. */
    private void sendSync(LearnerProgress l) {
        SyncPlan plan = SyncPlanner.plan(replica.log, l.lastZxid, replica.lastZxid(), snapshots);
        out.send(l.id, streamMessage(l, plan));
        out.send(l.id, new NewLeader(l.session, epoch, replica.lastZxid()));
        l.lastZxid = replica.lastZxid();
        l.phase = LearnerProgress.Phase.NEWLEADER_SENT;
    }

    private QuorumMessage streamMessage(LearnerProgress l, SyncPlan plan) {
        if (plan instanceof SyncPlan.Trunc t) {
            return new Trunc(l.session, epoch, t.truncZxid(), t.entries());
        }
        if (plan instanceof SyncPlan.Snap s) {
            return new Snap(l.session, epoch, s.snapshot(), s.entries());
        }
        return new Diff(l.session, epoch, plan.entries());
    }

    /** Phase 2 end: a quorum of NEWLEADER acks establishes us and commits the initial history. */
    private void onAckNewLeader(LearnerProgress l) {
        if (l.phase != LearnerProgress.Phase.NEWLEADER_SENT) {
            return;
        }
        l.phase = LearnerProgress.Phase.SYNCED;
        l.ackedZxid = l.lastZxid;
        if (phase == Phase.BROADCAST) {
            l.phase = LearnerProgress.Phase.BROADCAST;
            out.send(l.id, new UpToDate(l.session, epoch, replica.committedZxid()));
            maybeCommit();
            return;
        }
        long synced = 1 + learners.values().stream().filter(p -> !p.observer && p.synced()).count();
        if (synced >= config.quorumSize()) {
            establish();
        }
    }

    private void establish() {
        phase = Phase.BROADCAST;
        long historyEnd = replica.lastZxid();
        out.event(new ZabEvent.LeaderEstablished(epoch, historyEnd));
        replica.commitUpTo(historyEnd);
        for (LearnerProgress l : learners.values()) {
            if (l.phase == LearnerProgress.Phase.SYNCED) {
                l.phase = LearnerProgress.Phase.BROADCAST;
                out.send(l.id, new UpToDate(l.session, epoch, replica.committedZxid()));
            }
        }
        maybeCommit();
    }

    /** Phase 3: a cumulative ACK from a synced voter. */
    private void onAck(LearnerProgress l, Ack a) {
        if (!l.synced() || l.observer || a.epoch() != epoch) {
            return;
        }
        l.ackedZxid = Math.max(l.ackedZxid, Math.min(a.zxid(), replica.lastZxid()));
        maybeCommit();
    }

    /** Phase 3: commit what a quorum of voters (us included) has durably logged. */
    private void maybeCommit() {
        if (!established()) {
            return;
        }
        long[] acks = new long[config.voters().size()];
        int i = 0;
        for (long voter : config.voters()) {
            LearnerProgress l = learners.get(voter);
            if (voter == config.myId()) {
                acks[i++] = replica.durableZxid();
            } else {
                acks[i++] = l != null && l.synced() ? l.ackedZxid : 0;
            }
        }
        long quorumZxid = AckQuorum.quorumZxid(acks, config.quorumSize());
        long before = replica.committedZxid();
        if (quorumZxid <= before) {
            return;
        }
        replica.commitUpTo(quorumZxid);
        List<Txn> committed = replica.log.range(before, replica.committedZxid());
        for (LearnerProgress l : learners.values()) {
            if (l.observer && l.phase == LearnerProgress.Phase.BROADCAST) {
                committed.forEach(t -> out.send(l.id, new Inform(l.session, epoch, t)));
            } else if (!l.observer && l.forwarding()) {
                out.send(l.id, new Commit(l.session, epoch, replica.committedZxid()));
            }
        }
    }

    /** Observers join an established leader and only ever receive committed history. */
    private void onObserverInfo(long from, ObserverInfo oi) {
        if (!config.isObserver(from) || !established() || oi.currentEpoch() > epoch) {
            return;
        }
        LearnerProgress existing = learners.get(from);
        if (existing != null && existing.session == oi.session()) {
            return;
        }
        LearnerProgress l = new LearnerProgress(from, oi.session(), true, now);
        learners.put(from, l);
        long upTo = replica.committedZxid();
        SyncPlan plan = SyncPlanner.plan(replica.log, oi.lastZxid(), upTo, snapshots);
        out.send(from, streamMessage(l, plan));
        out.send(from, new UpToDate(l.session, epoch, upTo));
        l.phase = LearnerProgress.Phase.BROADCAST;
    }

    private void stepDown(String reason) {
        if (active) {
            active = false;
            transitions.lookForLeader(reason);
        }
    }
}
