package io.warden.server.quorum;

import io.warden.zab.message.QuorumMessage.Snap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spool's disk writes run off the event loop, with back-pressure on the link and delivery only
 * once the file is complete. Both executors are queues the test drains by hand, so every
 * interleaving of loop and disk is chosen, not raced.
 */
class SnapReceiverTest {
    private static final int CHUNK = SnapStream.CHUNK_BYTES;

    @TempDir
    Path dir;

    /** An executor that only queues; {@link #runAll} runs what is queued, including what that queues. */
    private static final class Manual implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    private static final class Recorder implements SnapReceiver.Link {
        final List<Boolean> reading = new ArrayList<>();
        final List<Snap> spooled = new ArrayList<>();
        final List<IOException> failures = new ArrayList<>();

        @Override
        public void setReading(boolean on) {
            reading.add(on);
        }

        @Override
        public void spooled(Snap snap) {
            spooled.add(snap);
        }

        @Override
        public void failed(IOException cause) {
            failures.add(cause);
        }
    }

    private final Manual disk = new Manual();
    private final Manual loop = new Manual();
    private final Recorder link = new Recorder();

    private SnapReceiver receiver() {
        return new SnapReceiver(dir, 1, disk, loop, link);
    }

    private static byte[] chunk(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private void drain() {
        while (!disk.tasks.isEmpty() || !loop.tasks.isEmpty()) {
            disk.runAll();
            loop.runAll();
        }
    }

    private long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void chunksAreWrittenByTheDiskExecutorNotTheCaller() throws Exception {
        SnapReceiver r = receiver();
        r.begin(new PeerFrame.SnapBegin(7, 2, 0x200000005L, 10));
        r.chunk(new PeerFrame.SnapChunk(chunk(10, 1)));
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        assertEquals(0, Files.size(file), "nothing written on the calling (event loop) thread");
        disk.runAll();
        assertEquals(10, Files.size(file));
    }

    @Test
    void aSnapIsDeliveredOnlyAfterItsFileIsCompleteAndReadingPausesUntilThen() throws Exception {
        SnapReceiver r = receiver();
        byte[] a = chunk(CHUNK, 1);
        byte[] b = chunk(100, 2);
        r.begin(new PeerFrame.SnapBegin(7, 2, 0x200000005L, a.length + b.length));
        r.chunk(new PeerFrame.SnapChunk(a));
        r.chunk(new PeerFrame.SnapChunk(b));
        r.end(new PeerFrame.SnapEnd(List.of()));
        assertTrue(r.finishing(), "later frames of the link must wait");
        assertEquals(List.of(false), link.reading, "reading stops at SnapEnd");
        assertTrue(link.spooled.isEmpty());
        drain();
        assertEquals(1, link.spooled.size());
        assertFalse(r.finishing());
        assertFalse(r.inProgress());
        assertEquals(List.of(false, true), link.reading, "reading resumes after delivery");
        Snap snap = link.spooled.get(0);
        assertEquals(0x200000005L, snap.snapshot().zxid());
        try (InputStream in = snap.snapshot().data().open()) {
            byte[] all = in.readAllBytes();
            assertEquals(a.length + b.length, all.length);
            byte[] tail = new byte[b.length];
            System.arraycopy(all, a.length, tail, 0, b.length);
            assertArrayEquals(b, tail);
        }
    }

    @Test
    void theLinkStopsReadingWhileTheDiskIsBehindAndReadsAgainOnceItCatchesUp() throws Exception {
        SnapReceiver r = receiver();
        int chunks = SnapReceiver.HIGH_WATER / CHUNK + 2;
        r.begin(new PeerFrame.SnapBegin(7, 2, 9, (long) chunks * CHUNK));
        for (int i = 0; i < SnapReceiver.HIGH_WATER / CHUNK - 1; i++) {
            r.chunk(new PeerFrame.SnapChunk(chunk(CHUNK, i)));
        }
        assertTrue(link.reading.isEmpty(), "below the high-water mark the link keeps reading");
        r.chunk(new PeerFrame.SnapChunk(chunk(CHUNK, 50)));
        assertEquals(List.of(false), link.reading, "at the high-water mark the link pauses");
        r.chunk(new PeerFrame.SnapChunk(chunk(CHUNK, 51))); // already decoded behind the pause
        disk.tasks.poll().run();
        disk.tasks.poll().run();
        loop.runAll();
        assertEquals(List.of(false), link.reading, "still above the low-water mark");
        drain();
        assertEquals(List.of(false, true), link.reading, "the disk caught up");
    }

    @Test
    void anAbortAfterTheEndDeliversNothingAndDeletesTheFile() throws Exception {
        SnapReceiver r = receiver();
        r.begin(new PeerFrame.SnapBegin(7, 2, 9, 10));
        r.chunk(new PeerFrame.SnapChunk(chunk(10, 1)));
        r.end(new PeerFrame.SnapEnd(List.of()));
        disk.runAll(); // file complete; its completion waits on the loop
        r.abort();
        drain();
        assertTrue(link.spooled.isEmpty(), "a dropped link delivers nothing");
        assertEquals(0, spoolFiles());
    }

    @Test
    void aFailedDiskWriteFailsTheLinkOnceAndDeliversNothing() throws Exception {
        List<FileChannel> opened = new ArrayList<>();
        SnapReceiver r = new SnapReceiver(dir, 1, disk, loop, link, f -> {
            FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE);
            opened.add(c);
            return c;
        });
        r.begin(new PeerFrame.SnapBegin(7, 2, 9, 20));
        opened.get(0).close(); // the next write fails, as on a full or broken disk
        r.chunk(new PeerFrame.SnapChunk(chunk(10, 1)));
        r.chunk(new PeerFrame.SnapChunk(chunk(10, 2)));
        r.end(new PeerFrame.SnapEnd(List.of()));
        drain();
        assertEquals(1, link.failures.size(), "one failure report, however many writes were queued");
        assertInstanceOf(IOException.class, link.failures.get(0));
        assertTrue(link.spooled.isEmpty());
        r.abort(); // what the link does on failure
        drain();
        assertEquals(0, spoolFiles());
    }
}
