package io.warden.zab;

/**
 * A ZAB transaction id: the leader's epoch in the high 32 bits, a per-epoch counter in the low 32.
 * Ordering zxids numerically orders them by (epoch, counter).
 */
public final class Zxid {
    /** The zxid of the empty history. */
    public static final long ZERO = 0L;
    /** The largest counter a leader may hand out before it must start a new epoch. */
    public static final long MAX_COUNTER = 0xffff_fffeL;

    private Zxid() {
    }

    public static long of(long epoch, long counter) {
        if (epoch < 0 || epoch > 0xffff_ffffL || counter < 0 || counter > 0xffff_ffffL) {
            throw new IllegalArgumentException("epoch/counter out of range: " + epoch + "/" + counter);
        }
        return (epoch << 32) | counter;
    }

    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    public static long counter(long zxid) {
        return zxid & 0xffff_ffffL;
    }

    /**
     * True when {@code next} may directly follow {@code prev} in a history: the next counter of the
     * same epoch, or the first proposal (counter 1) of a later epoch. Holes are how committed data was
     * lost in ZOOKEEPER-4925, so every history append asserts this.
     */
    public static boolean follows(long prev, long next) {
        if (epoch(next) == epoch(prev)) {
            return counter(next) == counter(prev) + 1;
        }
        return epoch(next) > epoch(prev) && counter(next) == 1;
    }

    public static String toString(long zxid) {
        return "0x" + Long.toHexString(epoch(zxid)) + ":" + counter(zxid);
    }
}
