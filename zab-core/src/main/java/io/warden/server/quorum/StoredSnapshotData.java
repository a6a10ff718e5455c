package io.warden.server.quorum;

import io.warden.zab.SnapshotData;
import io.warden.znode.persist.Snapshot;

import java.io.IOException;
import java.io.InputStream;

/**
 * Snapshot content that stays in its validated file in the data dir and is streamed from there
 * when needed (recovery at start-up, SNAP to a learner), never loaded into one array.
 */
public record StoredSnapshotData(Snapshot file) implements SnapshotData {
    @Override
    public long size() {
        return file.bodyLength();
    }

    @Override
    public InputStream open() throws IOException {
        return file.openBody();
    }

    @Override
    public String toString() {
        return file.bodyLength() + "B in " + file.file().getFileName();
    }
}
