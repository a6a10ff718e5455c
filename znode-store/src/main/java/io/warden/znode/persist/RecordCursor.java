package io.warden.znode.persist;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Sequential, buffered reader of the records of one segment between two byte offsets, using
 * positional reads only (so several cursors can share nothing and run beside the writer).
 * Validation is structural (length, bounds, CRC); zxid ordering is the caller's business. Not thread-safe.
 */
final class RecordCursor {
    enum Status { RECORD, END, ZERO, INVALID }

    private static final int DEFAULT_BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final long end;
    private final int maxPayload;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer scratch = ByteBuffer.allocate(12);
    private ByteBuffer buf = ByteBuffer.allocate(DEFAULT_BUFFER);
    private long bufFilePos; // file offset of buf[0]
    private long pos;        // file offset of the next record

    private long recordOffset;
    private long zxid;
    private ByteBuffer payloadView;
    private String invalidReason;

    RecordCursor(FileChannel channel, long start, long end, int maxPayload) {
        this.channel = channel;
        this.end = end;
        this.maxPayload = maxPayload;
        this.pos = start;
        this.bufFilePos = start;
        buf.limit(0);
    }

    /**
     * Advances to the next record. RECORD: {@link #zxid()}, {@link #payload()} describe it.
     * END: exactly at the end offset. ZERO: an all-zero record header (end of data in a preallocated file).
     * INVALID: see {@link #invalidReason()}; the cursor stays at {@link #recordOffset()}.
     */
    Status next() throws IOException {
        recordOffset = pos;
        payloadView = null;
        if (pos == end) {
            return Status.END;
        }
        long left = end - pos;
        if (left < LogFormat.RECORD_HEADER_BYTES) {
            return invalid("only " + left + " bytes left, a record header needs " + LogFormat.RECORD_HEADER_BYTES);
        }
        ByteBuffer b = window(pos, LogFormat.RECORD_HEADER_BYTES);
        int at = b.position();
        int length = b.getInt(at);
        int storedCrc = b.getInt(at + 4);
        long z = b.getLong(at + 8);
        if (length == 0 && storedCrc == 0 && z == 0) {
            return Status.ZERO;
        }
        if (length < 0 || length > maxPayload) {
            return invalid("bad record length " + length);
        }
        if (left - LogFormat.RECORD_HEADER_BYTES < length) {
            return invalid("record length " + length + " runs past the end of the data (" + (left - LogFormat.RECORD_HEADER_BYTES) + " bytes left)");
        }
        ByteBuffer p = window(pos + LogFormat.RECORD_HEADER_BYTES, length).slice();
        p.limit(length);
        int actual = LogFormat.crc(crc, scratch, length, z, p);
        if (actual != storedCrc) {
            return invalid("CRC mismatch for record zxid " + LogFormat.hex(z) + " (stored " + Integer.toHexString(storedCrc)
                    + ", computed " + Integer.toHexString(actual) + ")");
        }
        zxid = z;
        payloadView = p;
        pos += LogFormat.RECORD_HEADER_BYTES + length;
        return Status.RECORD;
    }

    long zxid() {
        return zxid;
    }

    /** A copy of the current record's payload. */
    byte[] payload() {
        byte[] out = new byte[payloadView.remaining()];
        payloadView.duplicate().get(out);
        return out;
    }

    long recordOffset() {
        return recordOffset;
    }

    /** Offset just past the last record returned. */
    long position() {
        return pos;
    }

    String invalidReason() {
        return invalidReason;
    }

    private Status invalid(String reason) {
        invalidReason = reason;
        return Status.INVALID;
    }

    /** Returns buf positioned at file offset {@code at} with at least {@code n} bytes readable. */
    private ByteBuffer window(long at, int n) throws IOException {
        long relStart = at - bufFilePos;
        if (relStart < 0 || relStart + n > buf.limit()) {
            refill(at, n);
            relStart = 0;
        }
        buf.position((int) relStart);
        return buf;
    }

    private void refill(long at, int n) throws IOException {
        if (buf.capacity() < n) {
            buf = ByteBuffer.allocate(Math.max(n, buf.capacity() * 2));
        }
        buf.clear();
        long want = Math.min(buf.capacity(), end - at);
        buf.limit((int) want);
        long filePos = at;
        while (buf.position() < n) {
            int r = channel.read(buf, filePos);
            if (r < 0) {
                throw new EOFException("file ended at " + filePos + " before expected end " + end);
            }
            filePos += r;
        }
        buf.flip();
        bufFilePos = at;
    }
}
