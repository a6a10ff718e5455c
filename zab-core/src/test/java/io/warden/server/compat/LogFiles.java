package io.warden.server.compat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads Warden's transaction-log segments as documented in {@code io.warden.znode.persist.LogFormat}:
 * files named {@code log.<hex base zxid>}, a 16-byte header starting with magic "WDLG", then records of
 * {@code int length | int crc | long zxid | payload}, ended by a zero header. Tests use it to find
 * where to damage a file.
 */
final class LogFiles {
    static final int MAGIC = 0x57444C47;
    static final int FILE_HEADER = 16;
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

    static Segment scan(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(MAGIC, buf.getInt(0), "log file format changed? " + file);
        List<Long> offsets = new ArrayList<>();
        int pos = FILE_HEADER;
        while (pos + RECORD_HEADER <= buf.limit()) {
            int len = buf.getInt(pos);
            int crc = buf.getInt(pos + 4);
            long zxid = buf.getLong(pos + 8);
            if (len == 0 && crc == 0 && zxid == 0) {
                break;
            }
            if (len < 0 || (long) pos + RECORD_HEADER + len > buf.limit()) {
                break;
            }
            offsets.add((long) pos);
            pos += RECORD_HEADER + len;
        }
        return new Segment(file, baseZxid(file), List.copyOf(offsets), pos);
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
