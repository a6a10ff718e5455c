package io.warden.zab.message;

import io.warden.zab.Snapshot;
import io.warden.zab.Txn;
import java.util.List;

/**
 * Messages between a leader and one learner. {@code session} names one learner connection (chosen
 * by the learner, echoed by the leader), so a late message from an earlier connection is ignored
 * instead of being mistaken for part of the current one.
 */
public sealed interface QuorumMessage extends ZabMessage {
    long session();

    // ---- Phase 1, discovery -------------------------------------------------------------------

    /** FOLLOWERINFO: a follower connects and reports the last epoch it accepted. */
    record FollowerInfo(long session, long acceptedEpoch) implements QuorumMessage {
    }

    /** OBSERVERINFO: an observer connects; it only ever holds committed history. */
    record ObserverInfo(long session, long currentEpoch, long lastZxid) implements QuorumMessage {
    }

    /** LEADERINFO (NEWEPOCH): the epoch the prospective leader proposes. */
    record LeaderInfo(long session, long epoch) implements QuorumMessage {
    }

    /** ACKEPOCH: the follower accepted the epoch and reports its history's position. */
    record AckEpoch(long session, long currentEpoch, long lastZxid) implements QuorumMessage {
    }

    // ---- Phase 2, synchronization -------------------------------------------------------------

    /** DIFF: the follower's history is a prefix of ours; here are the missing proposals. */
    record Diff(long session, long epoch, List<Txn> entries) implements QuorumMessage {
        public Diff {
            entries = List.copyOf(entries);
        }
    }

    /** TRUNC: drop everything after {@code truncZxid} (a tail we never had), then take these. */
    record Trunc(long session, long epoch, long truncZxid, List<Txn> entries) implements QuorumMessage {
        public Trunc {
            entries = List.copyOf(entries);
        }
    }

    /** SNAP: replace everything by this snapshot, then take these. */
    record Snap(long session, long epoch, Snapshot snapshot, List<Txn> entries) implements QuorumMessage {
        public Snap {
            entries = List.copyOf(entries);
        }
    }

    /** NEWLEADER: the history sent so far ends at {@code lastZxid}; adopt epoch {@code epoch}. */
    record NewLeader(long session, long epoch, long lastZxid) implements QuorumMessage {
    }

    /** ACK of NEWLEADER: the whole synced history and currentEpoch are durable. */
    record AckNewLeader(long session, long epoch) implements QuorumMessage {
    }

    /** UPTODATE: the leader is established; everything up to {@code commitZxid} is committed. */
    record UpToDate(long session, long epoch, long commitZxid) implements QuorumMessage {
    }

    // ---- Phase 3, broadcast -------------------------------------------------------------------

    /** PROPOSAL of one transaction. */
    record Proposal(long session, long epoch, Txn txn) implements QuorumMessage {
    }

    /** ACK: every proposal up to and including {@code zxid} is durable on the sender (cumulative). */
    record Ack(long session, long epoch, long zxid) implements QuorumMessage {
    }

    /** COMMIT: everything up to and including {@code zxid} is committed (cumulative). */
    record Commit(long session, long epoch, long zxid) implements QuorumMessage {
    }

    /** INFORM: a committed transaction, for observers. */
    record Inform(long session, long epoch, Txn txn) implements QuorumMessage {
    }

    /**
     * PING, both ways: keeps the leader's quorum and the learner's leader alive. From the leader,
     * {@code zxid} is its log end and {@code commitZxid} its commit point when sent, so a learner
     * notices a lost PROPOSAL or COMMIT even when no further traffic follows. From a follower,
     * {@code zxid} repeats its cumulative ACK, in case the last ACK was lost.
     */
    record Ping(long session, long epoch, long zxid, long commitZxid) implements QuorumMessage {
    }
}
