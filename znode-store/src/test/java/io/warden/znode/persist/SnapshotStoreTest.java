package io.warden.znode.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest {
    @TempDir
    Path dir;

    private static byte[] body(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aWrittenSnapshotIsReadBackByteForByte() throws IOException {
        SnapshotStore store = new SnapshotStore(dir, Fsync.REAL);
        byte[] content = body(300_000, 1);
        Snapshot s = store.write(0x1_0000_0005L, content);
        assertEquals("snapshot.100000005", s.file().getFileName().toString());
        Snapshot found = store.newestValid().orElseThrow();
        assertEquals(0x1_0000_0005L, found.zxid());
        assertEquals(content.length, found.bodyLength());
        assertArrayEquals(content, found.readBody());
        try (InputStream in = found.openBody()) {
            assertArrayEquals(content, in.readAllBytes());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temp file left behind");
        }
    }

    @Test
    void aStreamingWriterAndAnEmptySnapshotWork() throws IOException {
        SnapshotStore store = new SnapshotStore(dir, Fsync.REAL);
        store.write(7, out -> {
            for (int i = 0; i < 1000; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write('!');
        });
        String text = new String(store.newestValid().orElseThrow().readBody(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("line 0\n") && text.endsWith("line 999\n!"));
        store.write(8, new byte[0]);
        assertEquals(0, store.newestValid().orElseThrow().readBody().length);
    }

    @Test
    void invalidOrPartialSnapshotsAreSkippedWithAWarning() throws IOException {
        SnapshotStore store = new SnapshotStore(dir, Fsync.REAL);
        byte[] good = body(5000, 2);
        store.write(10, good);
        Snapshot corrupt = store.write(20, body(5000, 3));
        TxnLogTest.flipByte(corrupt.file(), 100);
        Snapshot truncated = store.write(30, body(5000, 4));
        TxnLogTest.truncate(truncated.file(), 2000);
        Files.write(dir.resolve("snapshot.28"), new byte[]{1, 2, 3});

        Optional<Snapshot> newest = store.newestValid();
        assertEquals(10, newest.orElseThrow().zxid());
        assertArrayEquals(good, newest.get().readBody());
        List<String> w = store.warnings();
        assertTrue(w.stream().anyMatch(m -> m.contains("snapshot.14") && m.contains("CRC mismatch")), w.toString());
        assertTrue(w.stream().anyMatch(m -> m.contains("snapshot.1e")), w.toString());
        assertTrue(w.stream().anyMatch(m -> m.contains("snapshot.28")), w.toString());
    }

    @Test
    void noSnapshotMeansEmpty() throws IOException {
        assertTrue(new SnapshotStore(dir, Fsync.REAL).newestValid().isEmpty());
    }

    @Test
    void leftoverTempFilesFromACrashAreRemovedOnOpen() throws IOException {
        Files.write(dir.resolve("snapshot.5.tmp"), new byte[100]);
        SnapshotStore store = new SnapshotStore(dir, Fsync.REAL);
        assertTrue(Files.notExists(dir.resolve("snapshot.5.tmp")));
        assertTrue(store.newestValid().isEmpty());
    }

    @Test
    void purgeKeepsTheNewestThreeValidSnapshots() throws IOException {
        SnapshotStore store = new SnapshotStore(dir, Fsync.REAL);
        for (long z = 1; z <= 6; z++) {
            store.write(z * 100, body(100, z));
        }
        TxnLogTest.truncate(dir.resolve("snapshot." + Long.toHexString(600)), 10); // newest is broken
        OptionalLong oldest = store.purge(SnapshotStore.DEFAULT_RETAIN_COUNT);
        assertEquals(OptionalLong.of(300), oldest);
        assertEquals(List.of(600L, 500L, 400L, 300L), store.listZxids(), "three valid kept, broken newer one left for inspection");
        assertThrows(IllegalArgumentException.class, () -> store.purge(0));
    }
}
