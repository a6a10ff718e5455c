package io.warden.zab;

import io.warden.zab.election.FastLeaderElection;
import io.warden.zab.message.Notification;
import io.warden.zab.message.ZabMessage;
import java.util.OptionalLong;

/** LOOKING: run fast leader election until it names a leader, then hand over. */
final class Looking implements RoleBehavior {
    private final FastLeaderElection election;
    private final Transitions transitions;
    private final long myId;
    private boolean active = true;

    Looking(FastLeaderElection election, Transitions transitions, long myId) {
        this.election = election;
        this.transitions = transitions;
        this.myId = myId;
    }

    void start() {
        decide(election.start());
    }

    @Override
    public Role role() {
        return Role.LOOKING;
    }

    @Override
    public long leader() {
        return -1;
    }

    long round() {
        return election.round();
    }

    @Override
    public void tick() {
        decide(election.tick());
    }

    @Override
    public void step(long from, ZabMessage message) {
        if (message instanceof Notification n) {
            decide(election.onNotification(from, n));
        }
    }

    /** A voter's connection closed; the election may settle without waiting for it. */
    void peerUnreachable() {
        decide(election.peerUnreachable());
    }

    @Override
    public void persistedAdvanced() {
    }

    private void decide(OptionalLong leader) {
        if (!active || leader.isEmpty()) {
            return;
        }
        active = false;
        if (leader.getAsLong() == myId) {
            transitions.lead();
        } else {
            transitions.learnFrom(leader.getAsLong());
        }
    }
}
