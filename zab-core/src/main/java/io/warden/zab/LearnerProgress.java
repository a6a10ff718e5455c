package io.warden.zab;

/** The leader's view of one learner connection. Plain mutable data, owned by {@link Leader}. */
final class LearnerProgress {
    enum Phase {
        /** FOLLOWERINFO received; waiting for the epoch to be fixed. */
        CONNECTED,
        /** LEADERINFO sent; waiting for ACKEPOCH. */
        EPOCH_SENT,
        /** ACKEPOCH received; waiting for the leader's history to be fixed by an epoch quorum. */
        EPOCH_ACKED,
        /** Sync stream and NEWLEADER sent; proposals are forwarded from here on. */
        NEWLEADER_SENT,
        /** NEWLEADER acknowledged: history durable there; ACKs count. */
        SYNCED,
        /** UPTODATE sent. */
        BROADCAST
    }

    final long id;
    final long session;
    final boolean observer;
    Phase phase = Phase.CONNECTED;
    long acceptedEpoch;
    long lastZxid;
    long ackedZxid;
    long lastHeardTick;

    LearnerProgress(long id, long session, boolean observer, long now) {
        this.id = id;
        this.session = session;
        this.observer = observer;
        this.lastHeardTick = now;
    }

    /** Proposals and commits are forwarded once its stream (ending in NEWLEADER) was sent. */
    boolean forwarding() {
        return phase.compareTo(Phase.NEWLEADER_SENT) >= 0;
    }

    /** Its ACKs count towards quorums once it acknowledged NEWLEADER. */
    boolean synced() {
        return phase.compareTo(Phase.SYNCED) >= 0;
    }
}
