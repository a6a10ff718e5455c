package io.warden.zab;

/**
 * One write the driver must make durable. Ops are written in order. A {@link #barrier()} op must be
 * durable, together with everything written before it, before the next op is written and before any
 * message of the same {@link Ready} leaves. Plain appends may be group-committed later; the driver
 * reports them with {@link ZabPeer#persisted(long)}.
 */
public sealed interface StorageOp {

    /** True when this op and everything before it must be fsynced before anything else happens. */
    boolean barrier();

    /** Append one transaction to the log (contiguity is asserted by the core before emitting). */
    record Append(Txn txn) implements StorageOp {
        public boolean barrier() {
            return false;
        }
    }

    /** Drop every logged transaction after {@code zxid} (TRUNC). */
    record TruncateAfter(long zxid) implements StorageOp {
        public boolean barrier() {
            return true;
        }
    }

    /** Replace the whole log by this snapshot (SNAP); the log restarts after its zxid. */
    record InstallSnapshot(Snapshot snapshot) implements StorageOp {
        public boolean barrier() {
            return true;
        }
    }

    /** Write the acceptedEpoch file (the last NEWEPOCH / LEADERINFO accepted). */
    record SaveAcceptedEpoch(long epoch) implements StorageOp {
        public boolean barrier() {
            return true;
        }
    }

    /** Write the currentEpoch file (the last NEWLEADER accepted). */
    record SaveCurrentEpoch(long epoch) implements StorageOp {
        public boolean barrier() {
            return true;
        }
    }
}
