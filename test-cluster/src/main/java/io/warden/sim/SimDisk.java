package io.warden.sim;

import io.warden.zab.PersistentState;
import io.warden.zab.Snapshot;
import io.warden.zab.StorageOp;
import io.warden.zab.Txn;
import io.warden.zab.ZabStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A disk that keeps written-but-unsynced ops in a page cache. A crash keeps a random prefix of them
 * (writes reach the platter in order, fsync or not) and loses the rest, like Jepsen's lazyfs.
 */
final class SimDisk implements ZabStorage {
    private long acceptedEpoch;
    private long currentEpoch;
    private Snapshot snapshot;
    private final List<Txn> log = new ArrayList<>();
    private final List<StorageOp> pending = new ArrayList<>();

    SimDisk(Snapshot empty) {
        this.snapshot = empty;
    }

    @Override
    public PersistentState load() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("load with unsynced writes");
        }
        return new PersistentState(acceptedEpoch, currentEpoch, snapshot, log);
    }

    @Override
    public void write(StorageOp op) {
        pending.add(op);
    }

    @Override
    public long sync() {
        pending.forEach(this::applyDurably);
        pending.clear();
        return log.isEmpty() ? snapshot.zxid() : log.get(log.size() - 1).zxid();
    }

    /** Power loss: a prefix of the page cache made it to disk. */
    void crash(Random random, boolean loseAllUnsynced) {
        int survivors = pending.isEmpty() || loseAllUnsynced ? 0 : random.nextInt(pending.size() + 1);
        pending.subList(0, survivors).forEach(this::applyDurably);
        pending.clear();
    }

    /** Saves an application snapshot taken at a committed point and drops the log it covers. */
    void saveSnapshot(Snapshot s) {
        sync();
        if (s.zxid() <= snapshot.zxid()) {
            return;
        }
        log.removeIf(t -> t.zxid() <= s.zxid());
        snapshot = s;
    }

    private void applyDurably(StorageOp op) {
        if (op instanceof StorageOp.Append a) {
            log.add(a.txn());
        } else if (op instanceof StorageOp.TruncateAfter t) {
            log.removeIf(x -> x.zxid() > t.zxid());
        } else if (op instanceof StorageOp.InstallSnapshot s) {
            log.clear();
            snapshot = s.snapshot();
        } else if (op instanceof StorageOp.SaveAcceptedEpoch e) {
            acceptedEpoch = e.epoch();
        } else if (op instanceof StorageOp.SaveCurrentEpoch e) {
            currentEpoch = e.epoch();
        }
    }
}
