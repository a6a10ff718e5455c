package io.warden.zab;

import io.warden.zab.election.FastLeaderElection;
import io.warden.zab.election.Vote;
import io.warden.zab.message.Notification;
import io.warden.zab.message.QuorumMessage;
import io.warden.zab.message.ZabMessage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One ZAB peer as a deterministic state machine: no threads, no I/O, no clock. The driver feeds it
 * {@link #tick()}, {@link #step(long, ZabMessage)}, {@link #propose(byte[])} and
 * {@link #persisted(long)}, and after each call takes {@link #ready()} and carries it out as
 * {@link Ready} describes.
 *
 * <p>Threading: not thread-safe. Exactly one thread (or serial executor) may call it; every method
 * returns without blocking.
 */
public final class ZabPeer {
    private final ZabConfig config;
    private final Outbox out = new Outbox();
    private final Replica replica;
    private final SnapshotSource snapshots;
    private final Random random;
    private final Transitions transitions = new PeerTransitions();
    private RoleBehavior behavior;
    private long electionRound;
    /** Peers whose connection closed and who have sent nothing since. */
    private final Set<Long> unreachable = new HashSet<>();
    /** FOLLOWERINFO/OBSERVERINFO that arrived while we were still settling the election we win. */
    private final Map<Long, QuorumMessage> earlyInfos = new LinkedHashMap<>();

    /**
     * @param config    the ensemble and timing
     * @param recovered what the storage held at start-up
     * @param snapshots takes application snapshots when a learner needs SNAP
     * @param random    seeded source for connection ids (the only randomness)
     */
    public ZabPeer(ZabConfig config, PersistentState recovered, SnapshotSource snapshots, Random random) {
        this.config = config;
        this.replica = new Replica(config, out, recovered);
        this.snapshots = snapshots;
        this.random = random;
        transitions.lookForLeader("start");
    }

    /** Advances logical time by one tick. */
    public void tick() {
        behavior.tick();
    }

    /** Handles one inbound message from peer {@code from}. */
    public void step(long from, ZabMessage message) {
        unreachable.remove(from);
        if (behavior instanceof Looking && (message instanceof QuorumMessage.FollowerInfo
                || message instanceof QuorumMessage.ObserverInfo)) {
            // A learner that settled before us: its leader is about to be us (replayed if so).
            earlyInfos.put(from, (QuorumMessage) message);
            return;
        }
        if (message instanceof Notification n && behavior.role() != Role.LOOKING) {
            answerLookingPeer(from, n);
            return;
        }
        behavior.step(from, message);
    }

    /**
     * The driver saw the quorum connection with {@code peer} close. A learner whose leader it was
     * goes back to election at once, and a leader drops that learner and steps down if the rest
     * are no quorum, instead of waiting syncLimit ticks (a killed process closes its sockets; a
     * paused or cut-off one is still caught by the tick limits).
     */
    public void linkLost(long peer) {
        unreachable.add(peer);
        if (behavior instanceof Learner learner && learner.leader() == peer) {
            learner.leaderLinkLost();
        } else if (behavior instanceof Leader leader) {
            leader.learnerLinkLost(peer);
        } else if (behavior instanceof Looking looking) {
            looking.peerUnreachable();
        }
    }

    /**
     * The driver saw the election connection with {@code peer} close. Only an election in progress
     * cares: it stops waiting for that peer's vote. Roles are judged by the quorum link alone.
     */
    public void electionLinkLost(long peer) {
        unreachable.add(peer);
        if (behavior instanceof Looking looking) {
            looking.peerUnreachable();
        }
    }

    /**
     * Proposes a transaction (leader only, once established).
     *
     * @return its zxid
     * @throws NotLeaderException if this peer is not an established leader
     */
    public long propose(byte[] payload) {
        if (behavior instanceof Leader leader && leader.established()) {
            return leader.propose(payload);
        }
        throw new NotLeaderException(behavior.leader());
    }

    /** The driver made the log durable up to {@code zxid} (group commit done). */
    public void persisted(long zxid) {
        replica.persisted(zxid);
        behavior.persistedAdvanced();
    }

    /** The driver saved a durable snapshot at {@code zxid} (committed); the log before it may go. */
    public void compactLog(long zxid) {
        replica.compact(zxid);
    }

    /** Everything to persist, send, apply and report since the last call. */
    public Ready ready() {
        return out.drain();
    }

    public long id() {
        return config.myId();
    }

    public Role role() {
        return behavior.role();
    }

    /** The leader this peer is with (itself when leading), or -1 while LOOKING. */
    public long leader() {
        return behavior.leader();
    }

    public boolean isEstablishedLeader() {
        return behavior instanceof Leader leader && leader.established();
    }

    public long acceptedEpoch() {
        return replica.acceptedEpoch();
    }

    public long currentEpoch() {
        return replica.currentEpoch();
    }

    public long lastLoggedZxid() {
        return replica.lastZxid();
    }

    public long committedZxid() {
        return replica.committedZxid();
    }

    /** Learners connected to this leader, and how many of them are synced (voters, observers). */
    public record LearnerCounts(int connected, int syncedVoters, int syncedObservers) {
    }

    /** Diagnostics for four-letter words; all zero unless leading. */
    public LearnerCounts learnerCounts() {
        return behavior instanceof Leader leader ? leader.learnerCounts() : new LearnerCounts(0, 0, 0);
    }

    /** Read-only view of the logged history (for checkers and diagnostics). */
    public ZabLog log() {
        return replica.log;
    }

    private Vote selfVote() {
        return new Vote(config.myId(), replica.currentEpoch(), replica.lastZxid());
    }

    /** Tell a LOOKING peer who we are with, so it can join at once. */
    private void answerLookingPeer(long from, Notification n) {
        if (n.state() != Role.LOOKING) {
            return;
        }
        long leader = behavior.leader();
        long epoch = behavior instanceof Leader l ? Math.max(l.epoch(), replica.acceptedEpoch())
                : replica.acceptedEpoch();
        out.send(from, new Notification(new Vote(leader, epoch, replica.lastZxid()), electionRound, behavior.role()));
    }

    private final class PeerTransitions implements Transitions {
        @Override
        public void lookForLeader(String reason) {
            earlyInfos.clear();
            FastLeaderElection election = new FastLeaderElection(config, out, selfVote(), electionRound,
                    unreachable::contains);
            electionRound = election.round();
            Looking looking = new Looking(election, this, config.myId());
            switchTo(looking, reason);
            looking.start();
        }

        @Override
        public void lead() {
            if (!config.isVoter(config.myId())) {
                lookForLeader("an observer cannot lead");
                return;
            }
            Leader leader = new Leader(replica, this, snapshots::takeSnapshot);
            switchTo(leader, "elected");
            Map<Long, QuorumMessage> early = new LinkedHashMap<>(earlyInfos);
            earlyInfos.clear();
            early.forEach(leader::step);
        }

        @Override
        public void learnFrom(long leader) {
            earlyInfos.clear();
            Learner learner = new Learner(replica, this, leader, random.nextLong());
            switchTo(learner, "elected " + leader);
            learner.start();
        }

        private void switchTo(RoleBehavior next, String reason) {
            behavior = next;
            out.event(new ZabEvent.RoleChanged(next.role(), next.leader(), reason));
        }
    }
}
