package io.warden.znode.persist;

import java.util.Optional;

/**
 * What a server rebuilds its state from: the newest valid snapshot (if any) and the log entries after it, in
 * zxid order. Close it to release the reader.
 */
public record Recovery(Optional<Snapshot> snapshot, LogReader entries) implements AutoCloseable {
    /** The snapshot's zxid, or 0 when starting from an empty tree. */
    public long snapshotZxid() {
        return snapshot.map(Snapshot::zxid).orElse(0L);
    }

    @Override
    public void close() {
        entries.close();
    }
}
