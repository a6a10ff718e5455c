package io.warden.server.quorum;

import io.warden.zab.SnapshotData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SNAP content a learner received into a spool file ({@link SnapReceiver}): complete and of exactly
 * {@code size} bytes when delivered. Its receiver deletes the file once the snapshot is installed
 * (or dropped); until then it may be opened any number of times.
 */
public record SpooledSnapshotData(Path file, long size) implements SnapshotData {
    private static final Logger LOG = LoggerFactory.getLogger(SpooledSnapshotData.class);

    @Override
    public InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    /** Removes the spool file; a failure is only logged (the spool is emptied at every start). */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spooled snapshot {}: {}", file, e.toString());
        }
    }

    @Override
    public String toString() {
        return size + "B spooled in " + file.getFileName();
    }
}
