package io.warden.server.ensemble;

import io.warden.server.quorum.StoredSnapshotData;
import io.warden.zab.Snapshot;
import io.warden.znode.persist.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Snapshots an ensemble member's store every ~snapCount applied transactions. Everything applied is
 * committed, so a snapshot never holds a transaction the quorum could drop. The pipeline thread only
 * begins a copy-on-write capture (O(sessions)); the tree is streamed to the file, fsynced and old
 * files purged on a background thread while writes go on, after which the ZAB log may forget what
 * the snapshot covers ({@code compacted}, back on the pipeline).
 */
final class EnsembleSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleSnapshots.class);

    private final Storage storage;
    private final ReplicatedStore data;
    private final int retain;
    private final int snapCount;
    private final Executor pipeline;
    private final LongConsumer compacted;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warden-snapshot");
        t.setDaemon(true);
        return t;
    });
    private long threshold;
    private long sinceLast;
    private boolean writing;
    /** The capture being written; set on the pipeline thread, read by close(). */
    private volatile ReplicatedStore.Capture inFlight;
    /** The newest snapshot on disk (or the recovered one); pipeline thread. */
    private Snapshot durable;

    /** @param recovered the snapshot the member started from */
    EnsembleSnapshots(Storage storage, ReplicatedStore data, int snapCount, int retain, Executor pipeline,
                      LongConsumer compacted, Snapshot recovered) {
        this.storage = storage;
        this.durable = recovered;
        this.data = data;
        this.snapCount = snapCount;
        this.retain = retain;
        this.pipeline = pipeline;
        this.compacted = compacted;
        nextThreshold();
    }

    private void nextThreshold() {
        // Randomised like ZooKeeper so the members do not all snapshot at once.
        threshold = snapCount / 2 + ThreadLocalRandom.current().nextInt(Math.max(1, snapCount / 2));
    }

    /** Pipeline thread, after each applied transaction. */
    void applied() {
        if (++sinceLast < threshold || writing) {
            return;
        }
        sinceLast = 0;
        nextThreshold();
        ReplicatedStore.Capture capture = data.beginCapture();
        inFlight = capture;
        writing = true;
        writer.execute(() -> {
            Snapshot saved = write(capture);
            pipeline.execute(() -> {
                writing = false;
                inFlight = null;
                if (saved != null) {
                    durable = saved;
                    compacted.accept(saved.zxid());
                }
            });
        });
    }

    /**
     * The newest snapshot this member has on disk, streamed from its file; pipeline thread. Its
     * zxid may be older than the ZAB log's base after a SNAP installed a newer one.
     */
    Snapshot durable() {
        return durable;
    }

    /** @return the snapshot as stored, or null if it failed */
    private Snapshot write(ReplicatedStore.Capture capture) {
        long zxid = capture.zxid();
        try {
            var file = storage.snapshots().write(zxid, capture);
            storage.purge(retain);
            LOG.info("Snapshot 0x{} written", Long.toHexString(zxid));
            return new Snapshot(zxid, new StoredSnapshotData(file));
        } catch (Exception e) {
            LOG.error("Snapshot 0x{} failed; the log still holds everything", Long.toHexString(zxid), e);
            return null;
        } finally {
            capture.close();
        }
    }

    @Override
    public void close() {
        ReplicatedStore.Capture capture = inFlight;
        if (capture != null) {
            capture.close(); // an unfinished capture is abandoned; the log still holds everything
        }
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
