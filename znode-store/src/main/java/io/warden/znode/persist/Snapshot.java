package io.warden.znode.persist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A snapshot file that passed validation: it reflects every transaction up to and including {@code zxid}.
 *
 * @param bodyLength size of the opaque content
 */
public record Snapshot(long zxid, Path file, long bodyLength) {
    /** Streams the opaque content (header and trailer excluded). The caller closes the stream. */
    public InputStream openBody() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        in.skipNBytes(SnapshotStore.HEADER_BYTES);
        return new BoundedInputStream(in, bodyLength);
    }

    /** The whole content in memory (for small trees and tests). */
    public byte[] readBody() throws IOException {
        if (bodyLength > Integer.MAX_VALUE - 16) {
            throw new IOException("snapshot " + file + " is too large to load into one array: " + bodyLength + " bytes");
        }
        try (InputStream in = openBody()) {
            return in.readNBytes((int) bodyLength);
        }
    }

    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
