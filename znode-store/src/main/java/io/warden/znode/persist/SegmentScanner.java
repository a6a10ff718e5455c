package io.warden.znode.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Recovery-time validation of one segment. Tells a torn tail (only in the newest segment, with nothing
 * valid after it) from corruption (anything else), which is refused with the file and byte offset.
 */
final class SegmentScanner {
    /** Outcome of scanning one segment: where valid data ends and whether a torn tail must be cut. */
    record Result(long validEnd, long lastZxid, long fileSize, String tornReason) {
        boolean torn() {
            return tornReason != null;
        }
    }

    private static final int CHUNK = 1 << 20;

    private final int maxPayload;

    SegmentScanner(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /**
     * @param prevFile the previous segment (null for the oldest one, whose predecessor may have been purged)
     * @param prevEnd  where the previous segment's valid data ends
     * @param prevZxid last zxid of the previous segment (0 if none)
     * @param isLast   whether this is the newest segment, the only one allowed a torn tail
     */
    Result scan(Path file, long baseZxid, Path prevFile, long prevEnd, long prevZxid, boolean isLast) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            String headerProblem = checkHeader(ch, size, baseZxid);
            if (headerProblem == null && prevFile != null) {
                long recorded = readLong(ch, 16);
                if (recorded != prevZxid) {
                    throw new CorruptLogException(prevFile, prevEnd, "log ends at zxid " + LogFormat.hex(prevZxid) + " but "
                            + file.getFileName() + " records that it ended at " + LogFormat.hex(recorded) + " (entries are missing)");
                }
            }
            if (headerProblem != null) {
                if (isLast && !hasValidRecordAfter(ch, 0, size, prevZxid)) {
                    return new Result(0, 0, size, headerProblem);
                }
                throw new CorruptLogException(file, 0, headerProblem);
            }
            RecordCursor cursor = new RecordCursor(ch, LogFormat.FILE_HEADER_BYTES, size, maxPayload);
            long last = prevZxid;
            boolean first = true;
            while (true) {
                RecordCursor.Status st = cursor.next();
                long at = cursor.recordOffset();
                if (st == RecordCursor.Status.END) {
                    return new Result(at, first ? 0 : last, size, null);
                }
                if (st != RecordCursor.Status.RECORD && isAllZero(ch, at, size)) { // preallocated, unused
                    return new Result(at, first ? 0 : last, size, null);
                }
                String problem = describe(st, cursor, first, baseZxid, last);
                if (problem == null) {
                    last = cursor.zxid();
                    first = false;
                    continue;
                }
                if (isLast && !hasValidRecordAfter(ch, at, size, last)) {
                    return new Result(at, first ? 0 : last, size, problem);
                }
                String why = isLast ? problem + "; valid records follow it" : problem + "; this is not the newest log file";
                throw new CorruptLogException(file, at, why);
            }
        }
    }

    private static String describe(RecordCursor.Status st, RecordCursor c, boolean first, long baseZxid, long last) {
        if (st == RecordCursor.Status.ZERO) {
            return "zeroed record header followed by non-zero bytes";
        }
        if (st == RecordCursor.Status.INVALID) {
            return c.invalidReason();
        }
        if (first && c.zxid() != baseZxid) {
            return "first record has zxid " + LogFormat.hex(c.zxid()) + " but the file is named for " + LogFormat.hex(baseZxid);
        }
        if (c.zxid() <= last) {
            return "zxid " + LogFormat.hex(c.zxid()) + " does not follow " + LogFormat.hex(last);
        }
        return null;
    }

    private static String checkHeader(FileChannel ch, long size, long baseZxid) throws IOException {
        if (size < LogFormat.FILE_HEADER_BYTES) {
            return "file is only " + size + " bytes, shorter than the file header";
        }
        ByteBuffer h = ByteBuffer.allocate(LogFormat.FILE_HEADER_BYTES);
        readFully(ch, h, 0);
        h.flip();
        int magic = h.getInt();
        int version = h.getInt();
        long base = h.getLong();
        if (magic != LogFormat.MAGIC) {
            return "bad magic " + Integer.toHexString(magic);
        }
        if (version != LogFormat.VERSION) {
            return "unsupported log version " + version;
        }
        if (base != baseZxid) {
            return "header zxid " + LogFormat.hex(base) + " does not match the file name";
        }
        return null;
    }

    private static long readLong(FileChannel ch, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8);
        readFully(ch, b, at);
        return b.getLong(0);
    }

    /** True when every byte in [from, end) is zero. */
    static boolean isAllZero(FileChannel ch, long from, long end) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(0, end - from)));
        long p = from;
        while (p < end) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), end - p));
            readFully(ch, b, p);
            b.flip();
            while (b.remaining() >= 8) {
                if (b.getLong() != 0) {
                    return false;
                }
            }
            while (b.hasRemaining()) {
                if (b.get() != 0) {
                    return false;
                }
            }
            p += b.limit();
        }
        return true;
    }

    /**
     * Looks for any well-formed record (plausible length, zxid above {@code afterZxid}, matching CRC)
     * starting strictly after {@code from}. Finding one means the damage is not a torn tail.
     */
    boolean hasValidRecordAfter(FileChannel ch, long from, long size, long afterZxid) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer scratch = ByteBuffer.allocate(12);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK + LogFormat.RECORD_HEADER_BYTES);
        long chunkStart = from + 1;
        while (chunkStart + LogFormat.RECORD_HEADER_BYTES <= size) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), size - chunkStart));
            readFully(ch, chunk, chunkStart);
            chunk.flip();
            int lastStart = chunk.limit() - LogFormat.RECORD_HEADER_BYTES;
            for (int i = 0; i <= lastStart && i < CHUNK; i++) {
                int length = chunk.getInt(i);
                if (length < 0 || length > maxPayload) {
                    continue;
                }
                long z = chunk.getLong(i + 8);
                long recStart = chunkStart + i;
                if (z <= afterZxid || recStart + LogFormat.RECORD_HEADER_BYTES + length > size) {
                    continue;
                }
                if (crcMatches(ch, chunk, i, chunkStart, length, z, crc, scratch)) {
                    return true;
                }
            }
            chunkStart += CHUNK;
        }
        return false;
    }

    private static boolean crcMatches(FileChannel ch, ByteBuffer chunk, int i, long chunkStart, int length, long z,
                                      CRC32C crc, ByteBuffer scratch) throws IOException {
        int stored = chunk.getInt(i + 4);
        int payloadAt = i + LogFormat.RECORD_HEADER_BYTES;
        ByteBuffer payload;
        if (payloadAt + length <= chunk.limit()) {
            payload = chunk.duplicate();
            payload.limit(payloadAt + length).position(payloadAt);
        } else {
            payload = ByteBuffer.allocate(length);
            readFully(ch, payload, chunkStart + payloadAt);
            payload.flip();
        }
        return LogFormat.crc(crc, scratch, length, z, payload) == stored;
    }

    static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw new java.io.EOFException("unexpected end of file at " + p);
            }
            p += r;
        }
    }
}
