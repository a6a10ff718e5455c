/**
 * Durable storage for a Warden server: the transaction log ({@link io.warden.znode.persist.TxnLog}),
 * group commit ({@link io.warden.znode.persist.GroupCommitter}), snapshots
 * ({@link io.warden.znode.persist.SnapshotStore}), the ZAB epoch files
 * ({@link io.warden.znode.persist.EpochStore}) and the {@link io.warden.znode.persist.Storage} facade.
 *
 * <p>Everything here stores opaque bytes keyed by zxid: the tree and the transaction codec live
 * elsewhere, so the standalone server and the ZAB core can share the same log. Nothing here starts
 * a thread except {@link io.warden.znode.persist.GroupCommitter}'s single writer thread, and nothing
 * reads the wall clock.
 */
package io.warden.znode.persist;
