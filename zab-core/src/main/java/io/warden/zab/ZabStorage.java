package io.warden.zab;

/**
 * The durable storage seam: the txn log and the two epoch files. Called from the peer's thread.
 */
public interface ZabStorage {
    /** Everything durable now (used once at start-up). */
    PersistentState load();

    /** Writes one op; need not be durable until {@link #sync()}. */
    void write(StorageOp op);

    /**
     * Makes every written op durable (fsync, possibly blocking).
     *
     * @return the last zxid of the durable log
     */
    long sync();
}
