package io.warden.znode.persist;

import java.util.Objects;
import java.util.Random;

/**
 * Decides when to take a snapshot. Like ZooKeeper, the threshold is randomised per server so that an
 * ensemble does not snapshot all at once: after each snapshot a new threshold is drawn uniformly from
 * [snapCount/2 + 1, snapCount] transactions, and (when a byte limit is set) from [limit/2 + 1, limit] bytes
 * of logged payload; whichever is reached first triggers.
 *
 * <p>Pure logic: no threads, no clock. Not thread-safe; call it from the thread that logs transactions and
 * run the snapshot itself elsewhere, then call {@link #snapshotFinished()}.
 */
public final class SnapshotScheduler {
    private final int snapCount;
    private final long snapBytes;
    private final Random random;
    private long txnThreshold;
    private long byteThreshold;
    private long txns;
    private long bytes;
    private boolean inProgress;
    private long skipped;

    /**
     * @param snapCount transactions between snapshots on average (ZooKeeper's snapCount, at least 2)
     * @param snapBytes payload bytes between snapshots, or 0 for no byte limit
     * @param random    seeded by the caller, so tests and the simulator are reproducible
     */
    public SnapshotScheduler(int snapCount, long snapBytes, Random random) {
        if (snapCount < 2) {
            throw new IllegalArgumentException("snapCount must be at least 2, got " + snapCount);
        }
        if (snapBytes < 0) {
            throw new IllegalArgumentException("snapBytes must be >= 0, got " + snapBytes);
        }
        this.snapCount = snapCount;
        this.snapBytes = snapBytes;
        this.random = Objects.requireNonNull(random, "random");
        roll();
    }

    /**
     * Records one logged transaction of {@code payloadBytes}. Returns true when the caller should start a snapshot
     * now; the scheduler then counts it as in progress until {@link #snapshotFinished()}. If the threshold is
     * reached while a snapshot is still running, that round is skipped (counted in {@link #skipped()}) and
     * counting starts afresh, as in ZooKeeper.
     */
    public boolean recordTxn(int payloadBytes) {
        txns++;
        bytes += payloadBytes;
        boolean due = txns >= txnThreshold || (snapBytes > 0 && bytes >= byteThreshold);
        if (!due) {
            return false;
        }
        txns = 0;
        bytes = 0;
        roll();
        if (inProgress) {
            skipped++;
            return false;
        }
        inProgress = true;
        return true;
    }

    /** The background snapshot finished (successfully or not); the next threshold may start one. */
    public void snapshotFinished() {
        inProgress = false;
    }

    public boolean snapshotInProgress() {
        return inProgress;
    }

    /** Rounds skipped because the previous snapshot was still running. */
    public long skipped() {
        return skipped;
    }

    /** Transactions that will trigger the next snapshot (counted from the last trigger). */
    public long txnThreshold() {
        return txnThreshold;
    }

    private void roll() {
        int half = snapCount / 2;
        txnThreshold = half + 1 + random.nextInt(snapCount - half);
        if (snapBytes > 0) {
            long halfBytes = snapBytes / 2;
            byteThreshold = halfBytes + 1 + random.nextLong(snapBytes - halfBytes);
        }
    }
}
