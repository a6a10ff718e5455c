package io.warden.znode.persist;

import java.io.IOException;
import java.io.OutputStream;

/** Streams a snapshot's opaque content. The stream is buffered and checksummed; do not close it. */
@FunctionalInterface
public interface SnapshotWriter {
    void writeTo(OutputStream out) throws IOException;
}
