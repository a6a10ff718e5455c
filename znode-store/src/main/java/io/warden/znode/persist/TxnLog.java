package io.warden.znode.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Append-only transaction log of opaque entries keyed by strictly increasing, positive zxids, kept in
 * segment files {@code log.<first zxid in hex>} (format in {@code LogFormat}).
 *
 * <p><b>Threading.</b> One owner thread (the caller, or a {@link GroupCommitter}'s writer thread) calls
 * {@link #append}, {@link #flush}, {@link #truncateAfter}, {@link #rollOnNextAppend} and {@link #close}.
 * {@link #read}, {@link #durableZxid}, {@link #lastZxid}, {@link #oldestZxid}, {@link #segmentFiles} and
 * {@link #deleteSegmentsUpTo} may be called from any thread. Readers see only what was durable when they
 * were created; a reader racing a truncation or purge of its files fails with an exception rather than
 * returning wrong data. All methods block on disk I/O.
 *
 * <p><b>Failure.</b> If a write or fsync fails, the log refuses all further mutation (an fsync error cannot
 * be retried safely); the process should stop and recover from disk.
 */
public final class TxnLog implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TxnLog.class);
    private static final int INITIAL_BUFFER = 256 * 1024;
    private static final int MAX_BUFFERED = 8 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

    private final Path dir;
    private final TxnLogOptions options;
    private final Fsync fsync;
    private final List<String> recoveryWarnings;
    private final ReentrantLock structure = new ReentrantLock();
    private volatile List<Segment> segments;

    // Owner-thread state.
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer scratch = ByteBuffer.allocate(12);
    private ByteBuffer buf = ByteBuffer.allocateDirect(INITIAL_BUFFER);
    private Segment current;
    private FileChannel channel;
    private long writePos;
    private long allocatedTo;
    private boolean unforced;
    private boolean dirSyncPending;
    private boolean rollRequested;
    private IOException failure;
    private boolean closed;
    private volatile long lastAppended;
    private volatile long durableZxid;

    private TxnLog(Path dir, TxnLogOptions options, List<Segment> segments, List<String> warnings) {
        this.dir = dir;
        this.options = options;
        this.fsync = options.fsync();
        this.segments = List.copyOf(segments);
        this.recoveryWarnings = List.copyOf(warnings);
    }

    /**
     * Opens (creating if needed) the log in {@code dir} and validates every segment. A torn tail of the
     * newest segment is cut off with a warning; any other damage throws {@link CorruptLogException}.
     */
    public static TxnLog open(Path dir, TxnLogOptions options) throws IOException {
        Files.createDirectories(dir);
        LogRecovery.Recovered r = new LogRecovery(dir, options).run();
        TxnLog log = new TxnLog(dir, options, r.segments(), r.warnings());
        if (!r.segments().isEmpty()) {
            log.openForAppend(r.segments().get(r.segments().size() - 1));
        }
        return log;
    }

    public static TxnLog open(Path dir) throws IOException {
        return open(dir, TxnLogOptions.defaults());
    }

    /**
     * Buffers an entry. Nothing is durable until {@link #flush()} returns. May write (not force) buffered
     * bytes early when the buffer is large, and rolls to a new segment (forcing the old one) when needed.
     *
     * @throws IllegalArgumentException if {@code zxid} is not positive or not greater than the last appended
     *                                  zxid, or the payload is larger than the configured maximum
     */
    public void append(long zxid, byte[] payload) throws IOException {
        checkUsable();
        if (zxid <= 0) {
            throw new IllegalArgumentException("zxid must be positive, got " + LogFormat.hex(zxid));
        }
        long last = lastAppended;
        if (zxid <= last) {
            throw new IllegalArgumentException("zxid " + LogFormat.hex(zxid) + " is not greater than the last appended zxid "
                    + LogFormat.hex(last) + "; the log only moves forward (use truncateAfter to rewind)");
        }
        if (payload.length > options.maxPayloadBytes()) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds maxPayloadBytes " + options.maxPayloadBytes());
        }
        int recordBytes = LogFormat.RECORD_HEADER_BYTES + payload.length;
        try {
            long segBytes = writePos + buf.position();
            if (current == null || rollRequested
                    || (segBytes > LogFormat.FILE_HEADER_BYTES && segBytes + recordBytes > options.segmentBytes())) {
                roll(zxid);
            }
            ensureCapacity(recordBytes);
        } catch (IOException e) {
            throw fail(e);
        }
        int c = LogFormat.crc(crc, scratch, zxid, payload);
        buf.putInt(payload.length).putInt(c).putLong(zxid).put(payload);
        lastAppended = zxid;
    }

    /**
     * Writes everything appended so far and forces it to disk: one write and one fsync for the whole batch
     * (plus a directory fsync after a segment was created).
     *
     * @return the highest durable zxid (0 if the log is empty)
     */
    public long flush() throws IOException {
        checkUsable();
        try {
            flushInternal();
        } catch (IOException e) {
            throw fail(e);
        }
        return durableZxid;
    }

    /**
     * Durably removes every entry with a zxid greater than {@code zxid} (ZAB's TRUNC). Pending appends are
     * flushed first. Later segments are deleted (and the directory synced) before the segment holding the
     * cut is truncated, so a crash at any point leaves a prefix of the old log.
     */
    public void truncateAfter(long zxid) throws IOException {
        flush();
        if (zxid >= lastAppended) {
            return;
        }
        structure.lock();
        try {
            closeChannel();
            List<Segment> segs = new ArrayList<>(segments);
            boolean deleted = false;
            while (!segs.isEmpty() && segs.get(segs.size() - 1).baseZxid > zxid) {
                Segment gone = segs.remove(segs.size() - 1);
                segments = List.copyOf(segs);
                Files.deleteIfExists(gone.path);
                deleted = true;
            }
            if (deleted) {
                fsync.syncDirectory(dir);
            }
            long newLast = 0;
            if (!segs.isEmpty()) {
                Segment s = segs.get(segs.size() - 1);
                if (s.lastZxid > zxid) {
                    cutSegment(s, zxid);
                }
                newLast = s.lastZxid;
                openForAppend(s);
            }
            lastAppended = newLast;
            durableZxid = newLast;
            LOG.info("Truncated log in {} after {}", dir, LogFormat.hex(zxid));
        } catch (IOException e) {
            throw fail(e);
        } finally {
            structure.unlock();
        }
    }

    /** Makes the next append start a new segment (e.g. right after a snapshot, so purge can drop whole files). */
    public void rollOnNextAppend() {
        if (current != null && writePos + buf.position() > LogFormat.FILE_HEADER_BYTES) {
            rollRequested = true;
        }
    }

    /**
     * Entries with zxid greater than {@code fromZxidExclusive} that were durable when this call was made, in
     * zxid order. The reader must be closed. Safe from any thread.
     */
    public LogReader read(long fromZxidExclusive) {
        List<Segment> segs = segments;
        int start = 0;
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).baseZxid <= fromZxidExclusive) {
                start = i;
            }
        }
        List<LogReader.Span> spans = new ArrayList<>();
        for (int i = start; i < segs.size(); i++) {
            Segment s = segs.get(i);
            spans.add(new LogReader.Span(s.path, s.durableEnd));
        }
        return new LogReader(spans, fromZxidExclusive, options.maxPayloadBytes());
    }

    /**
     * Deletes whole segments, oldest first, whose entries are all {@code <= zxid}; never the newest segment
     * nor one holding an entry after {@code zxid}. Safe from any thread. Returns how many files were deleted.
     */
    public int deleteSegmentsUpTo(long zxid) throws IOException {
        List<Segment> removed = new ArrayList<>();
        structure.lock();
        try {
            List<Segment> segs = new ArrayList<>(segments);
            while (segs.size() > 1 && segs.get(0).lastZxid != 0 && segs.get(0).lastZxid <= zxid) {
                removed.add(segs.remove(0));
            }
            segments = List.copyOf(segs);
        } finally {
            structure.unlock();
        }
        for (Segment s : removed) {
            Files.deleteIfExists(s.path);
            LOG.info("Purged log file {} (last zxid {})", s.path, LogFormat.hex(s.lastZxid));
        }
        return removed.size();
    }

    /** Last appended zxid, durable or not (0 if none). */
    public long lastZxid() {
        return lastAppended;
    }

    /** Highest zxid known to be on disk (0 if none). */
    public long durableZxid() {
        return durableZxid;
    }

    /** First zxid of the oldest segment still on disk (0 if the log is empty). */
    public long oldestZxid() {
        List<Segment> segs = segments;
        return segs.isEmpty() ? 0 : segs.get(0).baseZxid;
    }

    /** Segment files, oldest first. */
    public List<Path> segmentFiles() {
        return segments.stream().map(s -> s.path).toList();
    }

    /** Warnings produced while opening (torn tails cut, empty files removed). */
    public List<String> recoveryWarnings() {
        return recoveryWarnings;
    }

    public Path directory() {
        return dir;
    }

    /** Flushes pending appends (unless the log has failed) and releases the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                flushInternal();
            }
        } finally {
            closed = true;
            closeChannel();
        }
    }

    private void flushInternal() throws IOException {
        if (current == null) {
            return;
        }
        writeBuffered();
        if (unforced) {
            fsync.force(channel, false);
            unforced = false;
        }
        if (dirSyncPending) {
            fsync.syncDirectory(dir);
            dirSyncPending = false;
        }
        long last = lastAppended;
        if (durableZxid != last) {
            current.durableEnd = writePos;
            current.lastZxid = last;
            durableZxid = last;
        }
    }

    private void writeBuffered() throws IOException {
        if (buf.position() == 0) {
            return;
        }
        buf.flip();
        long end = writePos + buf.remaining();
        if (options.preallocateBytes() > 0 && end > allocatedTo) {
            preallocate(end);
        }
        while (buf.hasRemaining()) {
            writePos += channel.write(buf, writePos);
        }
        buf.clear();
        unforced = true;
    }

    private void preallocate(long end) throws IOException {
        long target = Math.max(end, Math.min(end + options.preallocateBytes(), options.segmentBytes()));
        if (target <= end) {
            target = end + options.preallocateBytes(); // an oversized segment: keep a step ahead anyway
        }
        if (options.zeroFill()) {
            for (long p = Math.max(allocatedTo, end); p < target; ) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(z.capacity(), target - p));
                p += channel.write(z, p);
            }
        } else {
            channel.write(ByteBuffer.allocate(1), target - 1); // sparse extension: one zero byte at the new end
        }
        allocatedTo = target;
    }

    private void ensureCapacity(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        if (buf.position() + n <= MAX_BUFFERED) {
            grow(Math.max(buf.capacity() * 2, buf.position() + n));
            return;
        }
        writeBuffered();
        if (buf.capacity() < n) {
            buf = ByteBuffer.allocateDirect(n);
        }
    }

    private void grow(int capacity) {
        ByteBuffer bigger = ByteBuffer.allocateDirect(capacity);
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }

    private void roll(long baseZxid) throws IOException {
        long previousLast = 0;
        if (current != null) {
            flushInternal(); // the old segment is durable before the new one exists
            previousLast = current.lastZxid;
            closeChannel();
        }
        Path p = dir.resolve(LogFormat.fileName(baseZxid));
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment s = new Segment(p, baseZxid, LogFormat.FILE_HEADER_BYTES, 0);
        structure.lock();
        try {
            List<Segment> segs = new ArrayList<>(segments);
            segs.add(s);
            segments = List.copyOf(segs);
        } finally {
            structure.unlock();
        }
        current = s;
        channel = ch;
        writePos = 0;
        allocatedTo = 0;
        dirSyncPending = true;
        rollRequested = false;
        LogFormat.putFileHeader(buf, baseZxid, previousLast);
    }

    private void openForAppend(Segment s) throws IOException {
        channel = FileChannel.open(s.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        current = s;
        writePos = s.durableEnd;
        allocatedTo = channel.size();
        lastAppended = s.lastZxid;
        durableZxid = s.lastZxid;
    }

    private void cutSegment(Segment s, long zxid) throws IOException {
        long cut = LogFormat.FILE_HEADER_BYTES;
        long kept = 0;
        try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            RecordCursor c = new RecordCursor(ch, LogFormat.FILE_HEADER_BYTES, s.durableEnd, options.maxPayloadBytes());
            while (c.next() == RecordCursor.Status.RECORD && c.zxid() <= zxid) {
                cut = c.position();
                kept = c.zxid();
            }
            ch.truncate(cut);
            fsync.force(ch, true);
        }
        s.durableEnd = cut;
        s.lastZxid = kept;
    }

    private void closeChannel() throws IOException {
        FileChannel ch = channel;
        channel = null;
        current = null;
        if (ch != null) {
            ch.close();
        }
    }

    private void checkUsable() throws IOException {
        if (closed) {
            throw new IllegalStateException("transaction log in " + dir + " is closed");
        }
        if (failure != null) {
            throw new IOException("transaction log in " + dir + " failed earlier and accepts no more writes", failure);
        }
    }

    private IOException fail(IOException e) {
        failure = e;
        LOG.error("Transaction log in {} failed; refusing further writes", dir, e);
        return e;
    }
}
