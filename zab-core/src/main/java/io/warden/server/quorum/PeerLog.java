package io.warden.server.quorum;

import io.warden.zab.PersistentState;
import io.warden.zab.Snapshot;
import io.warden.zab.SnapshotData;
import io.warden.zab.StorageOp;
import io.warden.zab.Txn;
import io.warden.znode.persist.GroupCommitter;
import io.warden.znode.persist.LogEntry;
import io.warden.znode.persist.Recovery;
import io.warden.znode.persist.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.LongConsumer;

/**
 * The ZAB core's storage ops carried out on a data dir: appends go through the {@link GroupCommitter}
 * (durability reported to {@code onDurable}), barrier ops (TRUNC, SNAP, the two epoch files) run on
 * the log writer thread after every earlier append is durable, and {@link #write} waits for them.
 * Called from the peer's thread; barrier ops block it.
 */
public final class PeerLog implements AutoCloseable {
    private final Storage storage;
    private final GroupCommitter committer;

    /** @param onDurable called on the log writer thread with the highest fsynced zxid */
    public PeerLog(Storage storage, LongConsumer onDurable, Runnable onFailure) {
        this.storage = storage;
        this.committer = new GroupCommitter(storage.log(), GroupCommitter.Options.defaults(), r -> {
            Thread t = new Thread(r, "warden-log-writer");
            t.setDaemon(true);
            return t;
        }, new GroupCommitter.DurabilityListener() {
            @Override
            public void onDurable(long zxid) {
                onDurable.accept(zxid);
            }

            @Override
            public void onFailure(Throwable cause) {
                onFailure.run();
            }
        });
    }

    /**
     * What the data dir holds: epochs, the newest valid snapshot (or {@code emptySnapshot} at zxid 0)
     * and every logged txn after it. Nothing is applied here.
     */
    public static PersistentState load(Storage storage, byte[] emptySnapshot) throws IOException {
        long accepted = storage.epochs().acceptedEpoch().orElse(0);
        long current = storage.epochs().currentEpoch().orElse(0);
        try (Recovery r = storage.recover()) {
            Snapshot snap = r.snapshot().isPresent()
                    ? new Snapshot(r.snapshot().get().zxid(), new StoredSnapshotData(r.snapshot().get()))
                    : new Snapshot(0, emptySnapshot);
            List<Txn> log = new ArrayList<>();
            while (r.entries().hasNext()) {
                LogEntry e = r.entries().next();
                if (e.zxid() > snap.zxid()) {
                    log.add(new Txn(e.zxid(), e.payload()));
                }
            }
            return new PersistentState(accepted, current, snap, log);
        }
    }

    /** Queues a plain append, or carries out a barrier op durably before returning. */
    public void write(StorageOp op) {
        if (op instanceof StorageOp.Append a) {
            committer.enqueue(a.txn().zxid(), a.txn().payload());
            return;
        }
        try {
            committer.runOnWriter(log -> {
                barrier(op);
                return null;
            }).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("storage op " + op + " failed", e.getCause());
        }
    }

    private void barrier(StorageOp op) throws IOException {
        if (op instanceof StorageOp.TruncateAfter t) {
            storage.truncateAfter(t.zxid());
        } else if (op instanceof StorageOp.InstallSnapshot s) {
            SnapshotData data = s.snapshot().data();
            storage.snapshots().write(s.snapshot().zxid(), out -> {
                try (InputStream in = data.open()) {
                    in.transferTo(out);
                }
            });
            if (storage.log().lastZxid() > s.snapshot().zxid()) {
                storage.truncateAfter(s.snapshot().zxid());
            }
        } else if (op instanceof StorageOp.SaveAcceptedEpoch e) {
            storage.log().flush();
            storage.epochs().setAcceptedEpoch(e.epoch());
        } else if (op instanceof StorageOp.SaveCurrentEpoch e) {
            storage.log().flush();
            storage.epochs().setCurrentEpoch(e.epoch());
        } else {
            throw new UncheckedIOException(new IOException("unknown storage op " + op));
        }
    }

    public long durableZxid() {
        return committer.durableZxid();
    }

    /** Makes queued appends durable and stops the writer; does not close the data dir. */
    @Override
    public void close() {
        committer.close();
    }
}
