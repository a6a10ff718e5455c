package io.warden.zab.sync;

import io.warden.zab.Snapshot;
import io.warden.zab.Txn;
import io.warden.zab.ZabLog;
import io.warden.zab.Zxid;
import java.util.List;
import java.util.function.Supplier;

/**
 * Zab phase 2 decision for one learner. Decisions look only at the leader's <em>logged</em> history
 * (ZOOKEEPER-2832), never at what it happens to have applied.
 */
public final class SyncPlanner {
    private SyncPlanner() {
    }

    /**
     * @param history         the leader's log
     * @param learnerLastZxid the last zxid the learner has logged
     * @param upTo            send entries up to here (the log end for followers, the commit point for observers)
     * @param snapshot        takes a snapshot of the leader's applied state (only called for SNAP)
     */
    public static SyncPlan plan(ZabLog history, long learnerLastZxid, long upTo, Supplier<Snapshot> snapshot) {
        if (history.contains(learnerLastZxid) && learnerLastZxid <= upTo) {
            // DIFF: the learner's last entry is one of ours, so its whole history is a prefix of ours.
            return new SyncPlan.Diff(history.range(learnerLastZxid, upTo));
        }
        // The learner's last entry is not ours (ZOOKEEPER-1154, -2845): it ends in a tail a deposed
        // leader proposed and nobody committed. Everything of ours below it, it also has.
        long common = history.floor(Math.min(learnerLastZxid, upTo));
        if (common >= 0) {
            return new SyncPlan.Trunc(common, history.range(common, upTo));
        }
        // The common point is older than our log: when unsure, SNAP.
        Snapshot snap = snapshot.get();
        if (snap.zxid() < history.baseZxid() || snap.zxid() > upTo) {
            throw new IllegalStateException("snapshot " + Zxid.toString(snap.zxid()) + " outside log ["
                    + Zxid.toString(history.baseZxid()) + ", " + Zxid.toString(upTo) + "]");
        }
        List<Txn> rest = history.range(snap.zxid(), upTo);
        return new SyncPlan.Snap(snap, rest);
    }
}
