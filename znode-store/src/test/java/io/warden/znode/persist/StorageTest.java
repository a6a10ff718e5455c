package io.warden.znode.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageTest {
    @TempDir
    Path root;

    private Path data() {
        return root.resolve("data");
    }

    private Path logs() {
        return root.resolve("datalog");
    }

    private static final TxnLogOptions SMALL = TxnLogOptions.defaults().withSegmentBytes(600);

    @Test
    void recoveryReturnsTheNewestSnapshotAndOnlyTheEntriesAfterIt() throws IOException {
        try (Storage s = Storage.open(data(), logs(), SMALL)) {
            TxnLogTest.appendRange(s.log(), 1, 40);
            s.log().flush();
            s.snapshots().write(25, "tree@25".getBytes(StandardCharsets.UTF_8));
        }
        try (Storage s = Storage.open(data(), logs(), SMALL); Recovery r = s.recover()) {
            assertEquals(25, r.snapshotZxid());
            assertArrayEquals("tree@25".getBytes(StandardCharsets.UTF_8), r.snapshot().orElseThrow().readBody());
            TxnLogTest.assertEntries(r.entries().toList(), 26, 40);
        }
    }

    @Test
    void withoutASnapshotRecoveryReplaysTheWholeLog() throws IOException {
        try (Storage s = Storage.open(data(), data())) {
            TxnLogTest.appendRange(s.log(), 1, 5);
        }
        try (Storage s = Storage.open(data(), data()); Recovery r = s.recover()) {
            assertTrue(r.snapshot().isEmpty());
            TxnLogTest.assertEntries(r.entries().toList(), 1, 5);
        }
    }

    @Test
    void purgeKeepsThreeSnapshotsAndTheLogFilesTheyNeed() throws IOException {
        try (Storage s = Storage.open(data(), logs(), SMALL)) {
            for (long z = 1; z <= 100; z++) {
                s.log().append(z, TxnLogTest.payload(z));
                if (z % 20 == 0) {
                    s.log().flush();
                    s.snapshots().write(z, ("tree@" + z).getBytes(StandardCharsets.UTF_8));
                }
            }
            int filesBefore = s.log().segmentFiles().size();
            Storage.PurgeResult result = s.purge(3);
            assertEquals(OptionalLong.of(60), result.oldestKeptSnapshot());
            assertEquals(List.of(100L, 80L, 60L), s.snapshots().listZxids());
            assertTrue(result.logFilesDeleted() > 0);
            assertEquals(filesBefore - result.logFilesDeleted(), s.log().segmentFiles().size());
            List<LogEntry> left = TxnLogTest.readAll(s.log(), 0);
            assertTrue(left.get(0).zxid() <= 61, "entries after the oldest kept snapshot survive: first is " + left.get(0).zxid());
            assertEquals(100, left.get(left.size() - 1).zxid());
        }
        try (Storage s = Storage.open(data(), logs(), SMALL); Recovery r = s.recover()) {
            assertEquals(100, r.snapshotZxid());
            assertTrue(r.entries().toList().isEmpty());
        }
    }

    @Test
    void truncateAfterAlsoDropsSnapshotsBeyondTheCut() throws IOException {
        try (Storage s = Storage.open(data(), logs(), SMALL)) {
            TxnLogTest.appendRange(s.log(), 1, 30);
            s.log().flush();
            s.snapshots().write(10, new byte[]{1});
            s.snapshots().write(28, new byte[]{2});
            s.truncateAfter(15);
            try (Recovery r = s.recover()) {
                assertEquals(10, r.snapshotZxid());
                TxnLogTest.assertEntries(r.entries().toList(), 11, 15);
            }
        }
    }

    @Test
    void aSecondOpenOfTheSameDataDirIsRefused() throws IOException {
        try (Storage s = Storage.open(data(), logs())) {
            IOException e = assertThrows(IOException.class, () -> Storage.open(data(), logs()));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        Storage.open(data(), logs()).close(); // released on close
    }

    @Test
    void corruptLogStopsOpenAndReleasesTheLock() throws IOException {
        try (Storage s = Storage.open(data(), logs())) {
            TxnLogTest.appendRange(s.log(), 1, 20);
        }
        TxnLogTest.flipByte(logs().resolve("log.1"), TxnLogTest.offsetOf(3) + 20);
        assertThrows(CorruptLogException.class, () -> Storage.open(data(), logs()));
        assertThrows(CorruptLogException.class, () -> Storage.open(data(), logs()), "lock was released, same refusal again");
        assertTrue(Files.exists(logs().resolve("log.1")));
    }

    @Test
    void epochFilesLiveInTheDataDir() throws IOException {
        try (Storage s = Storage.open(data(), logs())) {
            s.epochs().setAcceptedEpoch(2);
            s.epochs().setCurrentEpoch(1);
        }
        try (Storage s = Storage.open(data(), logs())) {
            assertEquals(OptionalLong.of(2), s.epochs().acceptedEpoch());
            assertEquals(OptionalLong.of(1), s.epochs().currentEpoch());
        }
        assertTrue(Files.exists(data().resolve(EpochStore.CURRENT)));
    }
}
