package io.warden.zab.sync;

import io.warden.zab.Snapshot;
import io.warden.zab.Txn;
import java.util.List;

/** How the leader brings one learner level with its history (Zab phase 2). */
public sealed interface SyncPlan {
    List<Txn> entries();

    /** The learner's history is a prefix of ours: send what follows. */
    record Diff(List<Txn> entries) implements SyncPlan {
    }

    /** The learner has a tail we never had: cut it after {@code truncZxid}, then send what follows. */
    record Trunc(long truncZxid, List<Txn> entries) implements SyncPlan {
    }

    /** No common point we still hold in the log: ship a snapshot, then what follows it. */
    record Snap(Snapshot snapshot, List<Txn> entries) implements SyncPlan {
    }
}
