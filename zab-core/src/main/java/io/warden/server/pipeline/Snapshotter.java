package io.warden.server.pipeline;

import io.warden.znode.persist.GroupCommitter;
import io.warden.znode.persist.Storage;
import io.warden.znode.tree.StoreSnapshot;
import io.warden.znode.tree.ZnodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots every ~snapCount transactions without stalling writes. The pipeline thread only begins a
 * copy-on-write capture of the store ({@link ZnodeStore#beginSnapshot()}, O(sessions)); a background
 * thread streams it to a file, fsyncs it and purges old files while the pipeline keeps applying. The
 * capture is the exact tree at its zxid, so recovery replays the log from the next zxid as usual. The
 * file is written only once its zxid is durable in the log, so it never holds a transaction the log
 * could lose; the log starts a new segment right after that zxid, so purge can drop whole files.
 */
final class Snapshotter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

    private final Storage dataDir;
    private final ZnodeStore store;
    private final TxnPipeline txns;
    private final int retain;
    private final GroupCommitter committer;
    private final Executor pipeline;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warden-snapshot");
        t.setDaemon(true);
        return t;
    });
    private final long threshold;
    /** The capture being written; set and cleared on the pipeline thread, read by close(). */
    private volatile StoreSnapshot inFlight;

    Snapshotter(Storage dataDir, ZnodeStore store, TxnPipeline txns, GroupCommitter committer, int snapCount,
                int retain, Executor pipeline) {
        this.committer = committer;
        this.dataDir = dataDir;
        this.store = store;
        this.txns = txns;
        this.retain = retain;
        this.pipeline = pipeline;
        // Randomised like ZooKeeper so an ensemble's servers do not all snapshot at once.
        this.threshold = snapCount / 2 + ThreadLocalRandom.current().nextInt(Math.max(1, snapCount / 2));
    }

    /** Pipeline thread, once per tick: begins a snapshot when enough transactions were applied. */
    void maybeSnapshot() {
        if (inFlight != null || txns.txnsSinceSnapshot() < threshold) {
            return;
        }
        StoreSnapshot snap = store.beginSnapshot();
        inFlight = snap;
        txns.snapshotTaken();
        // Queued behind the snapshot's last txn: completes once that is durable, and rolls the log there.
        CompletableFuture<Void> durable = committer.runOnWriter(log -> {
            log.rollOnNextAppend();
            return null;
        });
        writer.execute(() -> {
            write(snap, durable);
            pipeline.execute(() -> {
                if (inFlight == snap) {
                    inFlight = null;
                }
            });
        });
    }

    /** True while a snapshot is being written (pipeline thread; for tests and metrics). */
    boolean inProgress() {
        return inFlight != null;
    }

    private void write(StoreSnapshot snap, CompletableFuture<Void> durable) {
        long started = System.nanoTime();
        try {
            durable.join();
            dataDir.snapshots().write(snap.zxid(), snap::writeTo);
            dataDir.purge(retain);
            LOG.info("Snapshot 0x{} of {} znodes written in {} ms", Long.toHexString(snap.zxid()), snap.nodeCount(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Exception e) {
            LOG.error("Snapshot 0x{} failed; the log still holds everything", Long.toHexString(snap.zxid()), e);
        } finally {
            snap.close();
        }
    }

    /** Abandons a snapshot being written (its temp file is removed) and stops the background thread. */
    @Override
    public void close() {
        StoreSnapshot snap = inFlight;
        if (snap != null) {
            snap.close();
        }
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
