package io.warden.znode.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TxnLogTest {
    @TempDir
    Path dir;

    static byte[] payload(long zxid) {
        return ("txn-" + zxid + "-" + "x".repeat((int) (zxid % 7))).getBytes(StandardCharsets.UTF_8);
    }

    static long recordSize(long zxid) {
        return LogFormat.RECORD_HEADER_BYTES + payload(zxid).length;
    }

    /** Byte offset of the record for zxid {@code target} in a single segment holding zxids 1..n. */
    static long offsetOf(long target) {
        long off = LogFormat.FILE_HEADER_BYTES;
        for (long z = 1; z < target; z++) {
            off += recordSize(z);
        }
        return off;
    }

    static void appendRange(TxnLog log, long from, long to) throws IOException {
        for (long z = from; z <= to; z++) {
            log.append(z, payload(z));
        }
    }

    static void assertEntries(List<LogEntry> entries, long from, long to) {
        assertEquals(to - from + 1, entries.size(), "entry count");
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(from + i, entries.get(i).zxid());
            assertArrayEquals(payload(from + i), entries.get(i).payload());
        }
    }

    static List<LogEntry> readAll(TxnLog log, long after) {
        try (LogReader r = log.read(after)) {
            return r.toList();
        }
    }

    private TxnLog open() throws IOException {
        return TxnLog.open(dir, TxnLogOptions.defaults());
    }

    @Test
    void appendedEntriesAreReadBackAfterFlushAndAfterReopen() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 100);
            assertEquals(100, log.flush());
            assertEntries(readAll(log, 0), 1, 100);
            assertEntries(readAll(log, 40), 41, 100);
            assertTrue(readAll(log, 100).isEmpty());
        }
        try (TxnLog log = open()) {
            assertEquals(100, log.lastZxid());
            assertEquals(100, log.durableZxid());
            assertTrue(log.recoveryWarnings().isEmpty());
            assertEntries(readAll(log, 0), 1, 100);
            appendRange(log, 101, 110);
            log.flush();
            assertEntries(readAll(log, 95), 96, 110);
        }
    }

    @Test
    void readersSeeOnlyFlushedEntries() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 5);
            log.flush();
            appendRange(log, 6, 9);
            assertEquals(9, log.lastZxid());
            assertEquals(5, log.durableZxid());
            assertEntries(readAll(log, 0), 1, 5);
        }
    }

    @Test
    void zxidsMustIncreaseAndBePositive() throws IOException {
        try (TxnLog log = open()) {
            log.append(10, payload(10));
            IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> log.append(10, payload(10)));
            assertTrue(same.getMessage().contains("not greater than the last appended zxid 0xa"), same.getMessage());
            assertThrows(IllegalArgumentException.class, () -> log.append(9, payload(9)));
            assertThrows(IllegalArgumentException.class, () -> log.append(0, payload(0)));
            log.append(11, payload(11)); // the log is still usable after a rejected append
            assertEquals(11, log.flush());
        }
    }

    @Test
    void rollsToSegmentsNamedByFirstZxidAtTheSizeLimit() throws IOException {
        TxnLogOptions small = TxnLogOptions.defaults().withSegmentBytes(512);
        try (TxnLog log = TxnLog.open(dir, small)) {
            appendRange(log, 1, 60);
            log.flush();
            List<Path> files = log.segmentFiles();
            assertTrue(files.size() > 3, "expected several segments, got " + files);
            assertEquals("log.1", files.get(0).getFileName().toString());
            for (Path f : files) {
                assertTrue(Files.size(f) <= 512, f + " is " + Files.size(f) + " bytes");
            }
            assertEntries(readAll(log, 0), 1, 60);
            assertEntries(readAll(log, 33), 34, 60);
        }
        try (TxnLog log = TxnLog.open(dir, small)) {
            assertEntries(readAll(log, 0), 1, 60);
            assertEquals(60, log.lastZxid());
        }
    }

    @Test
    void aTornLastRecordIsTruncatedWithAWarningNamingFileAndOffset() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 20);
            log.flush();
        }
        Path file = dir.resolve("log.1");
        long tornAt = offsetOf(20);
        truncate(file, tornAt + 9); // half a record header... plus a bit
        try (TxnLog log = open()) {
            assertEquals(1, log.recoveryWarnings().size());
            String w = log.recoveryWarnings().get(0);
            assertTrue(w.contains(file.toString()) && w.contains("offset " + tornAt), w);
            assertEntries(readAll(log, 0), 1, 19);
            assertEquals(tornAt, Files.size(file));
            log.append(20, payload(20));
            log.flush();
        }
        try (TxnLog log = open()) {
            assertTrue(log.recoveryWarnings().isEmpty());
            assertEntries(readAll(log, 0), 1, 20);
        }
    }

    @Test
    void aShortPayloadOrBadCrcAtTheTailWithZerosAfterIsTreatedAsTorn() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 10);
            log.flush();
        }
        Path file = dir.resolve("log.1");
        long last = offsetOf(10);
        flipByte(file, last + LogFormat.RECORD_HEADER_BYTES + 2); // CRC mismatch in the last record
        appendBytes(file, new byte[4096]);                            // and zeros after it
        try (TxnLog log = open()) {
            assertTrue(log.recoveryWarnings().get(0).contains("CRC mismatch"), log.recoveryWarnings().toString());
            assertEntries(readAll(log, 0), 1, 9);
        }
        truncate(file, offsetOf(9) + LogFormat.RECORD_HEADER_BYTES + 1); // short payload of the (now last) record 9
        try (TxnLog log = open()) {
            assertTrue(log.recoveryWarnings().get(0).contains("runs past the end"), log.recoveryWarnings().toString());
            assertEntries(readAll(log, 0), 1, 8);
        }
    }

    @Test
    void corruptionInTheMiddleStopsStartUpNamingFileAndOffset() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 50);
            log.flush();
        }
        Path file = dir.resolve("log.1");
        long at = offsetOf(17);
        flipByte(file, at + LogFormat.RECORD_HEADER_BYTES + 1);
        byte[] damaged = Files.readAllBytes(file);
        CorruptLogException e = assertThrows(CorruptLogException.class, this::open);
        assertEquals(file, e.file());
        assertEquals(at, e.offset());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("offset " + at), e.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(file), "a refused log is left untouched");
    }

    @Test
    void aBadLengthInTheMiddleIsRefused() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 30);
            log.flush();
        }
        Path file = dir.resolve("log.1");
        long at = offsetOf(5);
        writeInt(file, at, 7); // plausible but wrong length: CRC fails, valid records follow
        CorruptLogException e = assertThrows(CorruptLogException.class, this::open);
        assertEquals(at, e.offset());
        writeInt(file, at, -3);
        e = assertThrows(CorruptLogException.class, this::open);
        assertTrue(e.getMessage().contains("bad record length -3"), e.getMessage());
    }

    @Test
    void damageAtTheEndOfAnOlderSegmentIsRefused() throws IOException {
        TxnLogOptions small = TxnLogOptions.defaults().withSegmentBytes(400).withPreallocateBytes(0);
        List<Path> files;
        try (TxnLog log = TxnLog.open(dir, small)) {
            appendRange(log, 1, 40);
            log.flush();
            files = log.segmentFiles();
        }
        Path first = files.get(0);
        truncate(first, Files.size(first) - 3);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> TxnLog.open(dir, small));
        assertEquals(first, e.file());
        assertTrue(e.getMessage().contains("not the newest log file"), e.getMessage());
    }

    @Test
    void wholeRecordsMissingFromTheEndOfAnOlderSegmentAreRefused() throws IOException {
        TxnLogOptions small = TxnLogOptions.defaults().withSegmentBytes(400).withPreallocateBytes(0);
        List<Path> files;
        long lastOfFirst;
        try (TxnLog log = TxnLog.open(dir, small)) {
            appendRange(log, 1, 40);
            log.flush();
            files = log.segmentFiles();
            lastOfFirst = Long.parseLong(files.get(1).getFileName().toString().substring(4), 16) - 1;
        }
        Path first = files.get(0);
        long cutAt = Files.size(first) - recordSize(lastOfFirst); // drop exactly the last record
        truncate(first, cutAt);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> TxnLog.open(dir, small));
        assertEquals(first, e.file());
        assertEquals(cutAt, e.offset());
        assertTrue(e.getMessage().contains("entries are missing"), e.getMessage());
    }

    @Test
    void truncateAfterRemovesLaterEntriesDurablyAcrossSegments() throws IOException {
        TxnLogOptions small = TxnLogOptions.defaults().withSegmentBytes(400);
        try (TxnLog log = TxnLog.open(dir, small)) {
            appendRange(log, 1, 60);
            log.flush();
            int before = log.segmentFiles().size();
            log.truncateAfter(23);
            assertEquals(23, log.lastZxid());
            assertEquals(23, log.durableZxid());
            assertTrue(log.segmentFiles().size() < before);
            assertEntries(readAll(log, 0), 1, 23);
            IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> log.append(23, payload(23)));
            assertTrue(back.getMessage().contains("not greater"));
            log.append(100, payload(100));
            log.flush();
        }
        try (TxnLog log = TxnLog.open(dir, small)) {
            assertTrue(log.recoveryWarnings().isEmpty(), log.recoveryWarnings().toString());
            List<LogEntry> all = readAll(log, 0);
            assertEntries(all.subList(0, 23), 1, 23);
            assertEquals(100, all.get(23).zxid());
            log.truncateAfter(0);
            assertEquals(0, log.lastZxid());
            assertTrue(log.segmentFiles().isEmpty());
            log.append(5, payload(5));
            log.flush();
        }
        try (TxnLog log = TxnLog.open(dir, small)) {
            assertEntries(readAll(log, 0), 5, 5);
        }
    }

    @Test
    void truncateAfterFlushesPendingAppendsFirst() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 10);
            log.truncateAfter(6);
            assertEntries(readAll(log, 0), 1, 6);
        }
    }

    @ParameterizedTest(name = "zeroFill={0}")
    @ValueSource(booleans = {false, true})
    void preallocatedSegmentsRollRecoverAndDetectTornTails(boolean zeroFill) throws IOException {
        TxnLogOptions pre = TxnLogOptions.defaults().withPreallocateBytes(8 * 1024).withSegmentBytes(4096).withZeroFill(zeroFill);
        try (TxnLog log = TxnLog.open(dir, pre)) {
            appendRange(log, 1, 30);
            log.flush();
        }
        Path file = dir.resolve("log.1");
        assertEquals(4096, Files.size(file), "preallocated up to the segment size");
        try (TxnLog log = TxnLog.open(dir, pre)) {
            assertTrue(log.recoveryWarnings().isEmpty(), log.recoveryWarnings().toString());
            assertEntries(readAll(log, 0), 1, 30);
            appendRange(log, 31, 400);
            log.flush();
            assertTrue(log.segmentFiles().size() >= 2, log.segmentFiles().toString());
        }
        Path newest;
        long lastAt;
        try (TxnLog log = TxnLog.open(dir, pre)) {
            assertTrue(log.recoveryWarnings().isEmpty(), log.recoveryWarnings().toString());
            assertEntries(readAll(log, 0), 1, 400);
            newest = log.segmentFiles().get(log.segmentFiles().size() - 1);
            lastAt = -1;
            try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.READ)) {
                RecordCursor c = new RecordCursor(ch, LogFormat.FILE_HEADER_BYTES, ch.size(), 1 << 20);
                while (c.next() == RecordCursor.Status.RECORD) {
                    lastAt = c.recordOffset();
                }
            }
        }
        flipByte(newest, lastAt + 3); // damage the last record; zeros follow it
        try (TxnLog log = TxnLog.open(dir, pre)) {
            assertEquals(1, log.recoveryWarnings().size());
            assertTrue(log.recoveryWarnings().get(0).contains("offset " + lastAt), log.recoveryWarnings().toString());
            assertEntries(readAll(log, 0), 1, 399);
        }
    }

    @Test
    void aNewestFileWithNoCompleteRecordIsRemoved() throws IOException {
        try (TxnLog log = TxnLog.open(dir, TxnLogOptions.defaults().withSegmentBytes(300))) {
            appendRange(log, 1, 20);
            log.flush();
        }
        Files.write(dir.resolve("log.ff"), new byte[]{0x57, 0x44}); // crashed right after creating a segment
        try (TxnLog log = open()) {
            assertTrue(log.recoveryWarnings().stream().anyMatch(w -> w.contains("log.ff")), log.recoveryWarnings().toString());
            assertTrue(Files.notExists(dir.resolve("log.ff")));
            assertEntries(readAll(log, 0), 1, 20);
        }
    }

    @Test
    void deleteSegmentsUpToKeepsEverySegmentWithLaterEntries() throws IOException {
        try (TxnLog log = TxnLog.open(dir, TxnLogOptions.defaults().withSegmentBytes(400))) {
            appendRange(log, 1, 60);
            log.flush();
            List<Path> before = log.segmentFiles();
            int deleted = log.deleteSegmentsUpTo(30);
            assertTrue(deleted > 0);
            List<LogEntry> rest = readAll(log, 0);
            assertTrue(rest.get(0).zxid() <= 31, "entry 31 must survive, first kept is " + rest.get(0).zxid());
            assertEquals(60, rest.get(rest.size() - 1).zxid());
            assertEquals(before.size() - deleted, log.segmentFiles().size());
            log.deleteSegmentsUpTo(1000);
            assertEquals(1, log.segmentFiles().size(), "the newest segment is never purged");
        }
    }

    @Test
    void flushForcesOncePerBatchAndNotWhenIdle() throws IOException {
        AtomicInteger forces = new AtomicInteger();
        Fsync counting = new Fsync() {
            @Override
            public void force(FileChannel channel, boolean metadata) throws IOException {
                forces.incrementAndGet();
                channel.force(metadata);
            }

            @Override
            public void syncDirectory(Path d) {
            }
        };
        try (TxnLog log = TxnLog.open(dir, TxnLogOptions.defaults().withFsync(counting))) {
            appendRange(log, 1, 500);
            log.flush();
            assertEquals(1, forces.get());
            log.flush();
            assertEquals(1, forces.get());
        }
    }

    @Test
    void readerFailsLoudlyOnDamageFoundAfterOpen() throws IOException {
        try (TxnLog log = open()) {
            appendRange(log, 1, 10);
            log.flush();
            flipByte(dir.resolve("log.1"), offsetOf(4) + LogFormat.RECORD_HEADER_BYTES);
            try (LogReader r = log.read(0)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class, r::toList);
                assertTrue(e.getCause() instanceof CorruptLogException);
            }
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void flipByte(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.flip();
            byte v = b.get(0);
            ch.write(ByteBuffer.wrap(new byte[]{(byte) (v ^ 0x5A)}), at);
        }
    }

    static void writeInt(Path file, long at, int value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, value), at);
        }
    }

    static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }
}
