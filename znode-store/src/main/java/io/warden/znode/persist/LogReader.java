package io.warden.znode.persist;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Iterates log entries after a zxid, in order, over the files and byte ranges captured when it was created.
 * Used for recovery and for ZAB DIFF. Not thread-safe; one file is open at a time; close it when done.
 * I/O errors and damaged records surface as {@link UncheckedIOException} (wrapping a {@link CorruptLogException}
 * for damage).
 */
public final class LogReader implements Iterator<LogEntry>, Closeable {
    record Span(Path path, long end) {
    }

    private final List<Span> spans;
    private final long fromExclusive;
    private final int maxPayload;
    private int spanIndex = -1;
    private FileChannel channel;
    private RecordCursor cursor;
    private LogEntry next;
    private long lastZxid;
    private boolean closed;

    LogReader(List<Span> spans, long fromZxidExclusive, int maxPayload) {
        this.spans = spans;
        this.fromExclusive = fromZxidExclusive;
        this.maxPayload = maxPayload;
        this.lastZxid = Long.MIN_VALUE;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !closed) {
            try {
                next = advance();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public LogEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LogEntry e = next;
        next = null;
        return e;
    }

    /** Reads everything left into a list (convenient for small logs and tests). */
    public List<LogEntry> toList() {
        List<LogEntry> out = new java.util.ArrayList<>();
        forEachRemaining(out::add);
        return out;
    }

    private LogEntry advance() throws IOException {
        while (true) {
            if (cursor == null && !openNextSpan()) {
                return null;
            }
            RecordCursor.Status st = cursor.next();
            if (st == RecordCursor.Status.END) {
                closeChannel();
                continue;
            }
            Span span = spans.get(spanIndex);
            if (st != RecordCursor.Status.RECORD) {
                String why = st == RecordCursor.Status.ZERO ? "zeroed record header inside durable data" : cursor.invalidReason();
                throw new CorruptLogException(span.path(), cursor.recordOffset(), why);
            }
            long z = cursor.zxid();
            if (z <= lastZxid) {
                throw new CorruptLogException(span.path(), cursor.recordOffset(),
                        "zxid " + LogFormat.hex(z) + " does not follow " + LogFormat.hex(lastZxid));
            }
            lastZxid = z;
            if (z > fromExclusive) {
                return new LogEntry(z, cursor.payload());
            }
        }
    }

    private boolean openNextSpan() throws IOException {
        while (++spanIndex < spans.size()) {
            Span s = spans.get(spanIndex);
            if (s.end() <= LogFormat.FILE_HEADER_BYTES) {
                continue;
            }
            channel = FileChannel.open(s.path(), StandardOpenOption.READ);
            cursor = new RecordCursor(channel, LogFormat.FILE_HEADER_BYTES, s.end(), maxPayload);
            return true;
        }
        return false;
    }

    private void closeChannel() throws IOException {
        cursor = null;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        next = null;
        try {
            closeChannel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
