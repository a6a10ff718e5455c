package io.warden.znode.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32C;

/**
 * Snapshots of opaque content in files {@code snapshot.<zxid hex>}:
 * <pre>
 * header  (16): int magic "WDSN" | int version | long zxid
 * body        : opaque bytes
 * trailer (16): long body length | int CRC32C(header + body) | int magic "WDSE"
 * </pre>
 * Written to a temp file, fsynced, renamed into place and the directory fsynced, so a crash never leaves a
 * half-written file under a snapshot name.
 *
 * <p><b>Threading.</b> At most one {@link #write} at a time (normally a background snapshot thread); the other
 * methods may run concurrently with it from any thread. All methods block on disk I/O.
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    static final int MAGIC = 0x5744534E;          // "WDSN"
    static final int TRAILER_MAGIC = 0x57445345;  // "WDSE"
    static final int VERSION = 1;
    static final int HEADER_BYTES = 16;
    static final int TRAILER_BYTES = 16;
    static final String PREFIX = "snapshot.";
    public static final int DEFAULT_RETAIN_COUNT = 3;

    private final Path dir;
    private final Fsync fsync;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /** Opens the store, creating {@code dir} if needed and removing temp files left by a crash. */
    public SnapshotStore(Path dir, Fsync fsync) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + AtomicFiles.TMP_SUFFIX)) {
            for (Path p : ds) {
                warn("Removing unfinished snapshot " + p);
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes a snapshot of everything up to {@code zxid}; returns it once it is durable under its final name. */
    public Snapshot write(long zxid, SnapshotWriter content) throws IOException {
        Path target = dir.resolve(PREFIX + Long.toHexString(zxid));
        Path tmp = dir.resolve(target.getFileName() + AtomicFiles.TMP_SUFFIX);
        long bodyLength;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ChecksummedOutput out = new ChecksummedOutput(ch);
                out.write(ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(zxid).array());
                content.writeTo(out);
                out.flush();
                bodyLength = out.count() - HEADER_BYTES;
                ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES)
                        .putLong(bodyLength).putInt(out.crc()).putInt(TRAILER_MAGIC).flip();
                while (trailer.hasRemaining()) {
                    ch.write(trailer);
                }
                fsync.force(ch, true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsync.syncDirectory(dir);
        LOG.info("Wrote snapshot {} ({} bytes)", target, bodyLength);
        return new Snapshot(zxid, target, bodyLength);
    }

    public Snapshot write(long zxid, byte[] content) throws IOException {
        return write(zxid, out -> out.write(content));
    }

    /** The newest snapshot whose checksum verifies; invalid or partial ones are skipped with a warning. */
    public Optional<Snapshot> newestValid() throws IOException {
        for (Candidate c : candidates()) {
            String problem = validate(c, true);
            if (problem == null) {
                return Optional.of(new Snapshot(c.zxid(), c.path(), Files.size(c.path()) - HEADER_BYTES - TRAILER_BYTES));
            }
            warn("Skipping invalid snapshot " + c.path() + ": " + problem);
        }
        return Optional.empty();
    }

    /**
     * Keeps the newest {@code retainCount} structurally valid snapshots and deletes every snapshot older than the
     * oldest kept one. Returns the zxid of the oldest kept snapshot (empty when none is kept, then nothing is deleted).
     */
    public OptionalLong purge(int retainCount) throws IOException {
        if (retainCount < 1) {
            throw new IllegalArgumentException("retainCount must be at least 1, got " + retainCount);
        }
        List<Candidate> all = candidates();
        int kept = 0;
        long oldestKept = -1;
        for (Candidate c : all) {
            if (kept < retainCount) {
                String problem = validate(c, false);
                if (problem == null) {
                    kept++;
                    oldestKept = c.zxid();
                } else {
                    warn("Not counting invalid snapshot " + c.path() + " towards the retained ones: " + problem);
                }
                continue;
            }
            Files.deleteIfExists(c.path());
            LOG.info("Purged snapshot {}", c.path());
        }
        return kept == 0 ? OptionalLong.empty() : OptionalLong.of(oldestKept);
    }

    /** Deletes snapshots newer than {@code zxid} (after a log truncation they describe transactions that are gone). */
    public int deleteNewerThan(long zxid) throws IOException {
        int n = 0;
        for (Candidate c : candidates()) {
            if (c.zxid() > zxid) {
                Files.deleteIfExists(c.path());
                warn("Deleted snapshot " + c.path() + " beyond truncation point " + LogFormat.hex(zxid));
                n++;
            }
        }
        if (n > 0) {
            fsync.syncDirectory(dir);
        }
        return n;
    }

    /** zxids of all snapshot files present (valid or not), newest first. */
    public List<Long> listZxids() throws IOException {
        return candidates().stream().map(Candidate::zxid).toList();
    }

    /** Warnings produced by this store so far (skipped or removed files). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Path directory() {
        return dir;
    }

    private record Candidate(Path path, long zxid) {
    }

    private List<Candidate> candidates() throws IOException {
        List<Candidate> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : ds) {
                String hex = p.getFileName().toString().substring(PREFIX.length());
                if (hex.isEmpty() || hex.length() > 16 || hex.endsWith(AtomicFiles.TMP_SUFFIX)) {
                    continue;
                }
                try {
                    out.add(new Candidate(p, Long.parseUnsignedLong(hex, 16)));
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
        out.sort(Comparator.comparingLong(Candidate::zxid).reversed());
        return out;
    }

    /** Null when valid; otherwise what is wrong. {@code full} also verifies the checksum (reads the whole file). */
    private static String validate(Candidate c, boolean full) throws IOException {
        try (FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES + TRAILER_BYTES) {
                return "only " + size + " bytes";
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
            SegmentScanner.readFully(ch, h, 0);
            ByteBuffer t = ByteBuffer.allocate(TRAILER_BYTES);
            SegmentScanner.readFully(ch, t, size - TRAILER_BYTES);
            if (h.getInt(0) != MAGIC || t.getInt(12) != TRAILER_MAGIC) {
                return "bad magic";
            }
            if (h.getInt(4) != VERSION) {
                return "unsupported version " + h.getInt(4);
            }
            if (h.getLong(8) != c.zxid()) {
                return "header zxid " + LogFormat.hex(h.getLong(8)) + " does not match the file name";
            }
            if (t.getLong(0) != size - HEADER_BYTES - TRAILER_BYTES) {
                return "trailer length " + t.getLong(0) + " does not match the file size " + size;
            }
            if (full) {
                int actual = crcOf(ch, size - TRAILER_BYTES);
                if (actual != t.getInt(8)) {
                    return "CRC mismatch (stored " + Integer.toHexString(t.getInt(8)) + ", computed " + Integer.toHexString(actual) + ")";
                }
            }
            return null;
        }
    }

    private static int crcOf(FileChannel ch, long length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
        long p = 0;
        while (p < length) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), length - p));
            SegmentScanner.readFully(ch, b, p);
            b.flip();
            p += b.remaining();
            crc.update(b);
        }
        return (int) crc.getValue();
    }

    private void warn(String message) {
        LOG.warn(message);
        warnings.add(message);
    }

    /** Buffered, checksummed, counting stream over a channel; close() only flushes. */
    private static final class ChecksummedOutput extends OutputStream {
        private final FileChannel ch;
        private final CRC32C crc = new CRC32C();
        private final ByteBuffer buf = ByteBuffer.allocate(128 * 1024);
        private long count;

        ChecksummedOutput(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buf.hasRemaining()) {
                flush();
            }
            buf.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int n = Math.min(len, buf.remaining());
                buf.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            buf.flip();
            crc.update(buf.array(), 0, buf.limit());
            count += buf.limit();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        long count() {
            return count;
        }

        int crc() {
            return (int) crc.getValue();
        }
    }
}
