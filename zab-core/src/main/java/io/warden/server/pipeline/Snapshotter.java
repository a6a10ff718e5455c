package io.warden.server.pipeline;

import io.warden.znode.persist.GroupCommitter;
import io.warden.znode.persist.Storage;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.wire.JuteWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots every ~snapCount transactions. The tree is serialized on the pipeline thread (a memory
 * copy, fast) and the file is written, fsynced and old files purged on a background thread, so writes
 * keep flowing while the disk works. A snapshot is written only once its zxid is durable in the log,
 * so it never holds a transaction the log could lose.
 */
final class Snapshotter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

    private final Storage dataDir;
    private final ZnodeStore store;
    private final TxnPipeline txns;
    private final int retain;
    private final GroupCommitter committer;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warden-snapshot");
        t.setDaemon(true);
        return t;
    });
    private long threshold;
    private byte[] pending;
    private long pendingZxid;

    Snapshotter(Storage dataDir, ZnodeStore store, TxnPipeline txns, GroupCommitter committer, int snapCount,
                int retain) {
        this.committer = committer;
        this.dataDir = dataDir;
        this.store = store;
        this.txns = txns;
        this.retain = retain;
        // Randomised like ZooKeeper so an ensemble's servers do not all snapshot at once.
        this.threshold = snapCount / 2 + ThreadLocalRandom.current().nextInt(Math.max(1, snapCount / 2));
    }

    /** Pipeline thread, once per tick and batch. */
    void maybeSnapshot() {
        if (pending != null && txns.durableZxid() >= pendingZxid) {
            byte[] data = pending;
            long zxid = pendingZxid;
            pending = null;
            writer.execute(() -> write(zxid, data));
        }
        if (pending == null && txns.txnsSinceSnapshot() >= threshold) {
            JuteWriter out = new JuteWriter(1 << 16);
            store.serialize(out);
            pending = out.toByteArray();
            pendingZxid = store.lastProcessedZxid();
            txns.snapshotTaken();
        }
    }

    private void write(long zxid, byte[] data) {
        try {
            dataDir.snapshots().write(zxid, data);
            // Start a new log file so purge can drop the files this snapshot made redundant.
            committer.runOnWriter(log -> {
                log.rollOnNextAppend();
                return null;
            }).join();
            dataDir.purge(retain);
            LOG.info("Snapshot 0x{} written ({} bytes)", Long.toHexString(zxid), data.length);
        } catch (Exception e) {
            LOG.error("Snapshot 0x{} failed; the log still holds everything", Long.toHexString(zxid), e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
