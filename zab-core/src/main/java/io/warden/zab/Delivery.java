package io.warden.zab;

/** Something the application must apply, in order, after the Ready's storage ops are done. */
public sealed interface Delivery {
    /** A committed transaction, delivered in zxid order exactly once per incarnation. */
    record Apply(Txn txn) implements Delivery {
    }

    /** Replace the application state with this snapshot (the leader sent SNAP). */
    record Restore(Snapshot snapshot) implements Delivery {
    }
}
