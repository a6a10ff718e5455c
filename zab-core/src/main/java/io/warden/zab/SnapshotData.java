package io.warden.zab;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The application's snapshot content. The ZAB core never reads it; drivers move it between disk,
 * wire and application, so a large tree can live in a file rather than in one array.
 * Implementations are immutable and may be opened any number of times, from any thread.
 */
public interface SnapshotData {
    /** The exact length in bytes. */
    long size();

    /** A fresh stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;

    /** Content held in memory (small snapshots, tests, the simulator). */
    static SnapshotData of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** The whole content in one array; only for content known to be small. */
    default byte[] toByteArray() {
        if (size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("snapshot of " + size() + " bytes does not fit in one array");
        }
        try (InputStream in = open()) {
            return in.readNBytes((int) size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In-memory content; equal by value. */
    record Bytes(byte[] bytes) implements SnapshotData {
        public Bytes {
            if (bytes == null) {
                throw new IllegalArgumentException("bytes must not be null");
            }
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] toByteArray() {
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return bytes.length + "B";
        }
    }
}
