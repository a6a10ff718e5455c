package io.warden.znode.persist;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitterTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** Counts fsyncs; can hold the first one until released, and can be told to fail. */
    static final class GatedFsync implements Fsync {
        final AtomicInteger forces = new AtomicInteger();
        final CountDownLatch inFirstForce = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean gate;
        volatile boolean failNext;

        @Override
        public void force(FileChannel channel, boolean metadata) throws IOException {
            if (failNext) {
                throw new IOException("simulated fsync failure");
            }
            if (gate && forces.get() == 0) {
                inFirstForce.countDown();
                try {
                    if (!release.await(5, TimeUnit.SECONDS)) {
                        throw new IOException("test never released the fsync");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            channel.force(metadata);
            forces.incrementAndGet();
        }

        @Override
        public void syncDirectory(Path d) {
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private GroupCommitter committer(TxnLog log, GroupCommitter.DurabilityListener listener) {
        GroupCommitter c = new GroupCommitter(log, GroupCommitter.Options.defaults(), r -> {
            Thread t = new Thread(r, "test-log-writer");
            t.setDaemon(true);
            return t;
        }, listener);
        toClose.add(c);
        return c;
    }

    private TxnLog log(Fsync fsync) throws IOException {
        TxnLog log = TxnLog.open(dir, TxnLogOptions.defaults().withFsync(fsync));
        toClose.add(log);
        return log;
    }

    @Test
    void futuresCompleteOnlyAfterTheFsyncAndManyAppendsShareOneFsync() throws Exception {
        GatedFsync fsync = new GatedFsync();
        fsync.gate = true;
        List<Long> durableReports = new CopyOnWriteArrayList<>();
        GroupCommitter c = committer(log(fsync), durableReports::add);

        CompletableFuture<Long> first = c.submit(1, TxnLogTest.payload(1));
        assertTrue(fsync.inFirstForce.await(5, TimeUnit.SECONDS), "writer reached the first fsync");
        List<CompletableFuture<Long>> rest = new ArrayList<>();
        for (long z = 2; z <= 1000; z++) {
            rest.add(c.submit(z, TxnLogTest.payload(z)));
        }
        assertFalse(first.isDone(), "acknowledged before its fsync returned");
        assertTrue(rest.stream().noneMatch(CompletableFuture::isDone));
        assertTrue(durableReports.isEmpty());

        fsync.release.countDown();
        CompletableFuture.allOf(rest.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);
        assertEquals(1L, first.get());
        for (int i = 0; i < rest.size(); i++) {
            assertEquals(i + 2L, rest.get(i).get());
        }
        assertEquals(2, fsync.forces.get(), "999 appends queued behind one fsync must share the next one");
        assertEquals(List.of(1L, 1000L), durableReports);
        assertEquals(1000, c.durableZxid());
    }

    @Test
    void entriesAreDurableOnDiskWhenTheirFutureCompletes() throws Exception {
        TxnLog log = log(Fsync.REAL);
        GroupCommitter c = committer(log, null);
        List<CompletableFuture<Long>> fs = new ArrayList<>();
        for (long z = 1; z <= 300; z++) {
            fs.add(c.submit(z, TxnLogTest.payload(z)));
        }
        fs.get(fs.size() - 1).get(5, TimeUnit.SECONDS);
        try (TxnLog reopened = TxnLog.open(dir, TxnLogOptions.defaults())) {
            TxnLogTest.assertEntries(TxnLogTest.readAll(reopened, 0), 1, 300);
        }
    }

    @Test
    void anOutOfOrderZxidFailsOnlyItsOwnFuture() throws Exception {
        GroupCommitter c = committer(log(Fsync.REAL), null);
        CompletableFuture<Long> a = c.submit(5, TxnLogTest.payload(5));
        CompletableFuture<Long> bad = c.submit(4, TxnLogTest.payload(4));
        CompletableFuture<Long> b = c.submit(6, TxnLogTest.payload(6));
        assertEquals(6L, b.get(5, TimeUnit.SECONDS));
        assertEquals(5L, a.get());
        ExecutionException e = assertThrows(ExecutionException.class, bad::get);
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void closeMakesQueuedEntriesDurableAndLaterSubmitsFail() throws Exception {
        TxnLog log = log(Fsync.REAL);
        GroupCommitter c = committer(log, null);
        List<CompletableFuture<Long>> fs = new ArrayList<>();
        for (long z = 1; z <= 200; z++) {
            fs.add(c.submit(z, TxnLogTest.payload(z)));
        }
        c.close();
        assertTrue(fs.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
        assertEquals(200, log.durableZxid());
        CompletableFuture<Long> late = c.submit(201, TxnLogTest.payload(201));
        assertThrows(ExecutionException.class, late::get);
    }

    @Test
    void anFsyncFailureFailsPendingAndLaterEntriesAndTellsTheListener() throws Exception {
        GatedFsync fsync = new GatedFsync();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        GroupCommitter c = committer(log(fsync), new GroupCommitter.DurabilityListener() {
            @Override
            public void onDurable(long zxid) {
            }

            @Override
            public void onFailure(Throwable cause) {
                failure.set(cause);
            }
        });
        assertEquals(1L, c.submit(1, TxnLogTest.payload(1)).get(5, TimeUnit.SECONDS));
        fsync.failNext = true;
        CompletableFuture<Long> doomed = c.submit(2, TxnLogTest.payload(2));
        ExecutionException e = assertThrows(ExecutionException.class, () -> doomed.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
        assertInstanceOf(IOException.class, failure.get());
        fsync.failNext = false;
        CompletableFuture<Long> after = c.submit(3, TxnLogTest.payload(3));
        assertThrows(ExecutionException.class, () -> after.get(5, TimeUnit.SECONDS), "no retry after a failed fsync");
        assertEquals(1, c.durableZxid());
    }

    @Test
    void groupCommitAcrossSegmentRollsRecoversEverythingAcknowledged() throws Exception {
        TxnLog log = TxnLog.open(dir, TxnLogOptions.defaults().withSegmentBytes(8 * 1024));
        toClose.add(log);
        GroupCommitter c = committer(log, null);
        CompletableFuture<Long> last = null;
        for (long z = 1; z <= 2000; z++) {
            last = c.submit(z, TxnLogTest.payload(z));
        }
        assertEquals(2000L, last.get(5, TimeUnit.SECONDS));
        assertTrue(log.segmentFiles().size() > 5);
        try (TxnLog reopened = TxnLog.open(dir, TxnLogOptions.defaults())) {
            TxnLogTest.assertEntries(TxnLogTest.readAll(reopened, 0), 1, 2000);
            TxnLogTest.assertEntries(TxnLogTest.readAll(reopened, 1234), 1235, 2000);
        }
    }

    @Test
    void runOnWriterRunsAfterEarlierAppendsAreDurable() throws Exception {
        TxnLog log = log(Fsync.REAL);
        GroupCommitter c = committer(log, null);
        for (long z = 1; z <= 50; z++) {
            c.enqueue(z, TxnLogTest.payload(z));
        }
        long seen = c.runOnWriter(l -> {
            long d = l.durableZxid();
            l.truncateAfter(20);
            return d;
        }).get(5, TimeUnit.SECONDS);
        assertEquals(50, seen);
        assertEquals(21L, c.submit(21, TxnLogTest.payload(21)).get(5, TimeUnit.SECONDS));
        TxnLogTest.assertEntries(TxnLogTest.readAll(log, 0), 1, 21);
    }
}
