package io.warden.zab;

/**
 * An application snapshot: opaque content holding exactly the state after applying every committed
 * transaction up to and including {@code zxid} (never uncommitted state: ZOOKEEPER-1549).
 */
public record Snapshot(long zxid, SnapshotData data) {
    public Snapshot {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }

    /** A snapshot held in memory. */
    public Snapshot(long zxid, byte[] bytes) {
        this(zxid, SnapshotData.of(bytes));
    }

    @Override
    public String toString() {
        return "Snapshot[" + Zxid.toString(zxid) + ", " + data + "]";
    }
}
