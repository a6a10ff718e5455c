package io.warden.zab.election;

import io.warden.zab.Zxid;
import java.util.Comparator;

/**
 * A vote for {@code leader}, whose history is (peerEpoch, zxid). Votes are totally ordered by
 * (peer epoch, last zxid, server id): the most up-to-date history wins, ties go to the larger id.
 */
public record Vote(long leader, long peerEpoch, long zxid) implements Comparable<Vote> {
    private static final Comparator<Vote> ORDER = Comparator.comparingLong(Vote::peerEpoch)
            .thenComparingLong(Vote::zxid).thenComparingLong(Vote::leader);

    @Override
    public int compareTo(Vote other) {
        return ORDER.compare(this, other);
    }

    public boolean beats(Vote other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return "Vote[" + leader + " e" + peerEpoch + " " + Zxid.toString(zxid) + "]";
    }
}
