package io.warden.znode.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochStoreTest {
    @TempDir
    Path dir;

    @Test
    void epochsAreWrittenAtomicallyAndReadBack() throws IOException {
        EpochStore s = new EpochStore(dir, Fsync.REAL);
        assertTrue(s.acceptedEpoch().isEmpty());
        assertTrue(s.currentEpoch().isEmpty());
        s.setAcceptedEpoch(3);
        s.setCurrentEpoch(3);
        s.setAcceptedEpoch(4);
        EpochStore reopened = new EpochStore(dir, Fsync.REAL);
        assertEquals(OptionalLong.of(4), reopened.acceptedEpoch());
        assertEquals(OptionalLong.of(3), reopened.currentEpoch());
        assertEquals("4", Files.readString(dir.resolve(EpochStore.ACCEPTED)).trim());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void epochsNeverGoBackAndCurrentNeverPassesAccepted() throws IOException {
        EpochStore s = new EpochStore(dir, Fsync.REAL);
        IllegalStateException first = assertThrows(IllegalStateException.class, () -> s.setCurrentEpoch(1));
        assertTrue(first.getMessage().contains("write acceptedEpoch first"), first.getMessage());
        s.setAcceptedEpoch(5);
        assertThrows(IllegalStateException.class, () -> s.setCurrentEpoch(6));
        s.setCurrentEpoch(5);
        assertThrows(IllegalStateException.class, () -> s.setAcceptedEpoch(4));
        assertThrows(IllegalStateException.class, () -> s.setCurrentEpoch(4));
        assertEquals(OptionalLong.of(5), new EpochStore(dir, Fsync.REAL).currentEpoch());
    }

    @Test
    void anImpossibleStateOnDiskIsRefusedWithAClearMessage() throws IOException {
        Files.writeString(dir.resolve(EpochStore.ACCEPTED), "2\n");
        Files.writeString(dir.resolve(EpochStore.CURRENT), "7\n");
        IOException e = assertThrows(IOException.class, () -> new EpochStore(dir, Fsync.REAL));
        assertTrue(e.getMessage().contains("acceptedEpoch=2, currentEpoch=7"), e.getMessage());

        Files.delete(dir.resolve(EpochStore.ACCEPTED));
        e = assertThrows(IOException.class, () -> new EpochStore(dir, Fsync.REAL));
        assertTrue(e.getMessage().contains("acceptedEpoch=missing"), e.getMessage());

        Files.writeString(dir.resolve(EpochStore.ACCEPTED), "seven");
        e = assertThrows(IOException.class, () -> new EpochStore(dir, Fsync.REAL));
        assertTrue(e.getMessage().contains(EpochStore.ACCEPTED) && e.getMessage().contains("seven"), e.getMessage());
    }
}
