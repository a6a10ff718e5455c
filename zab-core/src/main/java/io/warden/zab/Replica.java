package io.warden.zab;

/**
 * This peer's replica of the history and its two epochs. Every change goes through here so that the
 * durable write is emitted before the in-memory state moves on. Not thread-safe.
 */
final class Replica {
    final ZabConfig config;
    final Outbox out;
    final ZabLog log;
    private long acceptedEpoch;
    private long currentEpoch;
    private long committedZxid;
    private long durableZxid;

    Replica(ZabConfig config, Outbox out, PersistentState state) {
        this.config = config;
        this.out = out;
        this.log = new ZabLog(state.snapshot().zxid(), state.log());
        this.acceptedEpoch = state.acceptedEpoch();
        this.currentEpoch = state.currentEpoch();
        // Start-up applies nothing beyond the snapshot: logged entries may be a deposed leader's tail.
        this.committedZxid = state.snapshot().zxid();
        this.durableZxid = log.lastZxid();
    }

    long acceptedEpoch() {
        return acceptedEpoch;
    }

    long currentEpoch() {
        return currentEpoch;
    }

    long committedZxid() {
        return committedZxid;
    }

    long durableZxid() {
        return durableZxid;
    }

    long lastZxid() {
        return log.lastZxid();
    }

    void saveAcceptedEpoch(long epoch) {
        if (epoch < acceptedEpoch) {
            throw new IllegalStateException("acceptedEpoch would go back: " + acceptedEpoch + " -> " + epoch);
        }
        out.persist(new StorageOp.SaveAcceptedEpoch(epoch));
        acceptedEpoch = epoch;
        durableZxid = log.lastZxid();
    }

    /** The barrier also flushes every append written before it. */
    void saveCurrentEpoch(long epoch) {
        if (epoch < currentEpoch || epoch > acceptedEpoch) {
            throw new IllegalStateException("bad currentEpoch " + epoch + " (current " + currentEpoch
                    + ", accepted " + acceptedEpoch + ")");
        }
        out.persist(new StorageOp.SaveCurrentEpoch(epoch));
        currentEpoch = epoch;
        durableZxid = log.lastZxid();
    }

    void append(Txn txn) {
        log.append(txn);
        out.persist(new StorageOp.Append(txn));
    }

    /** TRUNC never removes a committed transaction; if it would, the protocol is broken. */
    void truncateAfter(long zxid) {
        if (zxid < committedZxid) {
            throw new IllegalStateException("TRUNC to " + Zxid.toString(zxid) + " below committed "
                    + Zxid.toString(committedZxid));
        }
        log.truncateAfter(zxid);
        out.persist(new StorageOp.TruncateAfter(zxid));
        durableZxid = zxid;
    }

    void installSnapshot(Snapshot snapshot) {
        if (snapshot.zxid() < committedZxid) {
            throw new IllegalStateException("SNAP at " + Zxid.toString(snapshot.zxid()) + " below committed "
                    + Zxid.toString(committedZxid));
        }
        out.persist(new StorageOp.InstallSnapshot(snapshot));
        log.resetTo(snapshot.zxid());
        committedZxid = snapshot.zxid();
        durableZxid = snapshot.zxid();
        out.deliver(new Delivery.Restore(snapshot));
    }

    /** Delivers every logged entry in (committed, zxid] in order. */
    void commitUpTo(long zxid) {
        long target = Math.min(zxid, log.lastZxid());
        if (target <= committedZxid) {
            return;
        }
        for (Txn txn : log.range(committedZxid, target)) {
            out.deliver(new Delivery.Apply(txn));
        }
        committedZxid = target;
    }

    /** The driver says the log is durable up to {@code zxid} (maybe stale: clamp to what we hold). */
    void persisted(long zxid) {
        long point = log.floor(Math.min(zxid, log.lastZxid()));
        if (point > durableZxid) {
            durableZxid = point;
        }
    }

    void compact(long zxid) {
        if (zxid > committedZxid) {
            throw new IllegalArgumentException("cannot compact uncommitted history");
        }
        log.compact(zxid);
    }
}
