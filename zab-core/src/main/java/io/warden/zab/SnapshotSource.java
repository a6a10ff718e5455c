package io.warden.zab;

/**
 * The snapshot seam, core side: the leader asks for a snapshot of the application state when a
 * learner is too far behind for DIFF or TRUNC. Installing one on a learner arrives as a
 * {@link Delivery.Restore}. Called on the peer's thread; must not block for long.
 */
@FunctionalInterface
public interface SnapshotSource {
    /** The application state after every transaction applied so far, with the last applied zxid. */
    Snapshot takeSnapshot();
}
