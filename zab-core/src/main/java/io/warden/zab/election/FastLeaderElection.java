package io.warden.zab.election;

import io.warden.zab.Outbox;
import io.warden.zab.Role;
import io.warden.zab.ZabConfig;
import io.warden.zab.message.Notification;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * One LOOKING period of fast leader election. Voters exchange votes within a round and adopt any
 * better vote they see; once a quorum of voters agrees on our proposed vote we wait
 * {@code electionSettleTicks} for late, better notifications, then settle. No wait when every voter
 * that can still answer (all but those whose connection was seen to close) already agrees: no
 * better notification can come (ZooKeeper settles at once when all votes are in). Notifications from peers
 * already FOLLOWING or LEADING let a joiner adopt the established leader at once. Observers never
 * propose or count; they only learn the leader. Not thread-safe: owned by the peer's serial loop.
 */
public final class FastLeaderElection {
    private final ZabConfig config;
    private final Outbox out;
    private final Vote selfVote;
    private final LongPredicate unreachable;
    private long round;
    private Vote proposed;
    private final Map<Long, Vote> roundVotes = new HashMap<>();
    private final Map<Long, Notification> outOfElection = new HashMap<>();
    private int settleCountdown = -1;
    private int resendCountdown;

    public FastLeaderElection(ZabConfig config, Outbox out, Vote selfVote, long previousRound) {
        this(config, out, selfVote, previousRound, id -> false);
    }

    /** @param unreachable voters whose connection closed and who sent nothing since (the driver's knowledge) */
    public FastLeaderElection(ZabConfig config, Outbox out, Vote selfVote, long previousRound,
                              LongPredicate unreachable) {
        this.unreachable = unreachable;
        this.config = config;
        this.out = out;
        this.selfVote = selfVote;
        this.round = previousRound + 1;
        this.proposed = selfVote;
    }

    public long round() {
        return round;
    }

    public Vote proposed() {
        return proposed;
    }

    /** Starts the round by announcing our own vote (observers announce only to learn the leader). */
    public OptionalLong start() {
        if (!config.iAmObserver()) {
            roundVotes.put(config.myId(), proposed);
        }
        broadcast();
        return checkSettledNow();
    }

    /** Handles one notification; returns the leader if the election is decided. */
    public OptionalLong onNotification(long from, Notification n) {
        if (n.state() != Role.LOOKING) {
            // Established peers: remember who they are with; a quorum of them names the leader.
            outOfElection.put(from, n);
            return establishedLeaderKnown();
        }
        outOfElection.remove(from);
        if (config.iAmObserver() || !config.isVoter(from)) {
            return OptionalLong.empty(); // observers neither propose nor count
        }
        if (n.round() > round) {
            // A newer round: join it, starting again from the better of our own vote and theirs.
            round = n.round();
            roundVotes.clear();
            proposed = n.vote().beats(selfVote) ? n.vote() : selfVote;
            roundVotes.put(config.myId(), proposed);
            settleCountdown = -1;
            broadcast();
        } else if (n.round() < round) {
            out.send(from, notification()); // help the laggard catch up to our round
            return OptionalLong.empty();
        } else if (n.vote().beats(proposed)) {
            proposed = n.vote();
            roundVotes.put(config.myId(), proposed);
            settleCountdown = -1;
            broadcast();
        } else if (proposed.beats(n.vote())) {
            // Election: a voter of our round with a worse vote never saw ours (it was not LOOKING
            // yet when we broadcast it, as when followers notice a dead leader one after the
            // other): answer now, not after our resend timer.
            out.send(from, notification());
        }
        roundVotes.put(from, n.vote());
        updateSettleWait();
        return checkSettledNow();
    }

    /** A voter's connection closed: if everyone else who can answer agrees already, settle now. */
    public OptionalLong peerUnreachable() {
        updateSettleWait();
        return checkSettledNow();
    }

    private void updateSettleWait() {
        if (!quorumAgreesOn(proposed)) {
            return;
        }
        if (everyReachableVoterAgrees()) {
            settleCountdown = 0;
        } else if (settleCountdown < 0) {
            settleCountdown = config.electionSettleTicks();
        }
    }

    private boolean everyReachableVoterAgrees() {
        for (long v : config.voters()) {
            if (v != config.myId() && !unreachable.test(v) && !proposed.equals(roundVotes.get(v))) {
                return false;
            }
        }
        return true;
    }

    /** Advances the settle wait and the resend timer; returns the leader if decided. */
    public OptionalLong tick() {
        if (--resendCountdown <= 0) {
            broadcast();
        }
        if (settleCountdown > 0) {
            settleCountdown--;
        }
        return checkSettledNow();
    }

    /** Our vote as announced to others. */
    public Notification notification() {
        return new Notification(proposed, round, Role.LOOKING);
    }

    private OptionalLong checkSettledNow() {
        if (settleCountdown == 0) {
            if (quorumAgreesOn(proposed)) {
                return OptionalLong.of(proposed.leader());
            }
            settleCountdown = -1;
        }
        return OptionalLong.empty();
    }

    private boolean quorumAgreesOn(Vote vote) {
        long agreeing = roundVotes.entrySet().stream()
                .filter(e -> config.isVoter(e.getKey()) && e.getValue().equals(vote)).count();
        return agreeing >= config.quorumSize();
    }

    /**
     * A leader is established for us to join when it says it is LEADING and, counting it, the voters
     * following it and (if we vote) ourselves, a quorum would be with it. Prefer the newest epoch.
     */
    private OptionalLong establishedLeaderKnown() {
        long best = -1;
        long bestEpoch = -1;
        for (Map.Entry<Long, Notification> e : outOfElection.entrySet()) {
            Notification n = e.getValue();
            long leader = n.vote().leader();
            if (n.state() != Role.LEADING || e.getKey() != leader || !config.isVoter(leader)) {
                continue;
            }
            long supporters = outOfElection.entrySet().stream()
                    .filter(s -> config.isVoter(s.getKey()) && s.getValue().vote().leader() == leader)
                    .count();
            if (config.isVoter(config.myId())) {
                supporters++;
            }
            if (supporters >= config.quorumSize() && n.vote().peerEpoch() > bestEpoch) {
                best = leader;
                bestEpoch = n.vote().peerEpoch();
            }
        }
        return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
    }

    private void broadcast() {
        resendCountdown = config.notificationResendTicks();
        Notification n = notification();
        for (long peer : config.voters()) {
            if (peer != config.myId()) {
                out.send(peer, n);
            }
        }
    }
}
