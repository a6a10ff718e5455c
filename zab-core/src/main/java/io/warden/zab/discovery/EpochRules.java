package io.warden.zab.discovery;

import java.util.Collection;

/** Pure rules of Zab phase 1 (discovery). */
public final class EpochRules {
    private EpochRules() {
    }

    /**
     * Phase 1: the prospective leader proposes an epoch above every epoch accepted by the quorum it
     * heard from (itself included), so no two leaders can ever be established with the same epoch.
     */
    public static long chooseNewEpoch(long ownAcceptedEpoch, Collection<Long> followerAcceptedEpochs) {
        long max = ownAcceptedEpoch;
        for (long e : followerAcceptedEpochs) {
            max = Math.max(max, e);
        }
        return max + 1;
    }

    /**
     * Phase 1, follower side: accept NEWEPOCH only if it is not older than what we already
     * accepted. Equality is a reconnect to the leader we accepted it from; the leader checks that.
     */
    public static boolean followerAccepts(long newEpoch, long acceptedEpoch) {
        return newEpoch >= acceptedEpoch;
    }

    /**
     * Phase 1, leader side, after the epoch is fixed: a late follower may join only if it has not
     * accepted this epoch (or a later one) from someone else.
     */
    public static boolean lateFollowerMayJoin(long newEpoch, long followerAcceptedEpoch,
                                              boolean alreadyAckedOurEpoch) {
        return followerAcceptedEpoch < newEpoch || (followerAcceptedEpoch == newEpoch && alreadyAckedOurEpoch);
    }

    /**
     * Phase 1, ACKEPOCH check: a follower whose history (currentEpoch, lastZxid) is ahead of the
     * leader's means the election chose badly; the leader must give up rather than lose its data.
     */
    public static boolean followerIsAhead(long followerCurrentEpoch, long followerLastZxid,
                                          long leaderCurrentEpoch, long leaderLastZxid) {
        if (followerCurrentEpoch != leaderCurrentEpoch) {
            return followerCurrentEpoch > leaderCurrentEpoch;
        }
        return followerLastZxid > leaderLastZxid;
    }
}
