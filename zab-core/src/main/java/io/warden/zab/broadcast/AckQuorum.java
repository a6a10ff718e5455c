package io.warden.zab.broadcast;

import java.util.Arrays;

/** Pure quorum arithmetic of Zab phase 3 (broadcast). */
public final class AckQuorum {
    private AckQuorum() {
    }

    /**
     * The largest zxid durable on at least {@code quorum} voters, given each voter's cumulative ACK
     * (absent voters count as 0). A proposal is committed once this reaches it.
     */
    public static long quorumZxid(long[] voterAcks, int quorum) {
        if (quorum < 1 || quorum > voterAcks.length) {
            return 0;
        }
        long[] sorted = voterAcks.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - quorum];
    }
}
