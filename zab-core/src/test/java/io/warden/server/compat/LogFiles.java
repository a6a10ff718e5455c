package io.warden.server.compat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads Warden's transaction-log segments as documented in {@code io.warden.znode.persist.LogFormat}:
 * files named {@code log.<hex base zxid>}, a header starting with magic "WDLG", then records of
 * {@code int length | int CRC32C(length, zxid, payload) | long zxid | payload}, ended by a zero header or
 * the end of the file. Tests use it to find where to damage a file.
 */
final class LogFiles {
    static final int MAGIC = 0x57444C47;
    static final int MIN_FILE_HEADER = 16;
    static final int MAX_FILE_HEADER = 64;
    static final int RECORD_HEADER = 16;

    /** One segment: its path, the offsets of its records, and where its valid data ends. */
    record Segment(Path path, long baseZxid, List<Long> recordOffsets, long dataEnd) {
        int records() {
            return recordOffsets.size();
        }
    }

    private LogFiles() {
    }

    /** Every log segment under {@code dataDir} (any depth), oldest first. */
    static List<Segment> segments(Path dataDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("log\\.[0-9a-f]+"))
                    .sorted(Comparator.comparingLong(LogFiles::baseZxid))
                    .toList();
        }
        List<Segment> out = new ArrayList<>();
        for (Path f : files) {
            out.add(scan(f));
        }
        if (out.isEmpty()) {
            fail("no log.<zxid> files under " + dataDir);
        }
        return out;
    }

    private static long baseZxid(Path p) {
        return Long.parseUnsignedLong(p.getFileName().toString().substring(4), 16);
    }

    /**
     * Finds the records by their CRC rather than trusting a fixed header size: the header is the
     * smallest multiple of 8 bytes after which a record with a valid CRC32C starts (or zeros follow).
     */
    static Segment scan(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(MAGIC, buf.getInt(0), "log file format changed? " + file);
        for (int header = MIN_FILE_HEADER; header <= MAX_FILE_HEADER; header += 8) {
            if (isZeroHeader(buf, header) || validRecordAt(buf, header)) {
                return scanFrom(file, buf, header);
            }
        }
        return fail("cannot find the first record in " + file + "; log format changed?");
    }

    private static Segment scanFrom(Path file, ByteBuffer buf, int header) {
        List<Long> offsets = new ArrayList<>();
        int pos = header;
        while (validRecordAt(buf, pos)) {
            offsets.add((long) pos);
            pos += RECORD_HEADER + buf.getInt(pos);
        }
        return new Segment(file, baseZxid(file), List.copyOf(offsets), pos);
    }

    private static boolean isZeroHeader(ByteBuffer buf, int pos) {
        if (pos + RECORD_HEADER > buf.limit()) {
            return pos == buf.limit();
        }
        return buf.getInt(pos) == 0 && buf.getInt(pos + 4) == 0 && buf.getLong(pos + 8) == 0;
    }

    /** CRC32C over (length, zxid, payload), as LogFormat documents. */
    private static boolean validRecordAt(ByteBuffer buf, int pos) {
        if (pos + RECORD_HEADER > buf.limit()) {
            return false;
        }
        int len = buf.getInt(pos);
        long zxid = buf.getLong(pos + 8);
        if (len < 0 || zxid <= 0 || (long) pos + RECORD_HEADER + len > buf.limit()) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(12).putInt(len).putLong(zxid).flip());
        crc.update(buf.array(), pos + RECORD_HEADER, len);
        return (int) crc.getValue() == buf.getInt(pos + 4);
    }

    /** The newest segment that holds at least one record. */
    static Segment newestWithRecords(Path dataDir) throws IOException {
        List<Segment> all = segments(dataDir);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).records() > 0) {
                return all.get(i);
            }
        }
        return fail("no log segment holds records under " + dataDir);
    }

    /** Overwrites bytes at an offset without changing the file length (unless writing past its end). */
    static void write(Path file, long offset, byte[] bytes) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
            ch.force(true);
        }
    }

    static byte[] read(Path file, long offset, int length) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            ch.read(b, offset);
            return b.array();
        }
    }
}
