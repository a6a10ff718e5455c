package io.warden.zab;

/**
 * The application seam: what committed transactions are applied to (the znode tree). Also the
 * snapshot source. Called from the peer's thread, in zxid order.
 */
public interface StateMachine extends SnapshotSource {
    void apply(Txn txn);

    /** Replaces the whole state with a snapshot received from the leader. */
    void restore(Snapshot snapshot);
}
