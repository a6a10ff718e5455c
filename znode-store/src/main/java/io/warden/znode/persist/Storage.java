package io.warden.znode.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One server's durable state: snapshots and epoch files in {@code dataDir}, the transaction log in
 * {@code dataLogDir} (may be the same directory). Holds an exclusive lock file in {@code dataDir} so two
 * processes never share it.
 *
 * <p>Threading: {@link #recover}, {@link #purge} and the accessors may be called from any thread;
 * {@link #truncateAfter} follows the {@link TxnLog} owner-thread rule (run it via
 * {@link GroupCommitter#runOnWriter} while a committer is active).
 */
public final class Storage implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    static final String LOCK_FILE = ".warden.lock";

    /** What {@link #purge} did. */
    public record PurgeResult(OptionalLong oldestKeptSnapshot, int logFilesDeleted) {
    }

    private final TxnLog log;
    private final SnapshotStore snapshots;
    private final EpochStore epochs;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Storage(TxnLog log, SnapshotStore snapshots, EpochStore epochs, FileChannel lockChannel, FileLock lock) {
        this.log = log;
        this.snapshots = snapshots;
        this.epochs = epochs;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir}, validates the epoch files and opens the log (cutting a torn tail, refusing
     * corruption with {@link CorruptLogException}).
     */
    public static Storage open(Path dataDir, Path dataLogDir, TxnLogOptions options) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("Data directory " + dataDir + " is in use by another Warden server");
        }
        try {
            EpochStore epochs = new EpochStore(dataDir, options.fsync());
            SnapshotStore snapshots = new SnapshotStore(dataDir, options.fsync());
            TxnLog log = TxnLog.open(dataLogDir, options);
            return new Storage(log, snapshots, epochs, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    public static Storage open(Path dataDir, Path dataLogDir) throws IOException {
        return open(dataDir, dataLogDir, TxnLogOptions.defaults());
    }

    /**
     * The newest valid snapshot and a reader over the durable log entries after it. Snapshots that are newer than
     * the log's last entry cannot have been produced by this log and are skipped with a warning.
     */
    public Recovery recover() throws IOException {
        Optional<Snapshot> snap = snapshots.newestValid();
        if (snap.isPresent() && log.lastZxid() != 0 && snap.get().zxid() > log.lastZxid()) {
            LOG.warn("Snapshot {} is newer than the last log entry {}; the log lost entries the snapshot contains",
                    snap.get().file(), LogFormat.hex(log.lastZxid()));
        }
        long from = snap.map(Snapshot::zxid).orElse(0L);
        return new Recovery(snap, log.read(from));
    }

    /**
     * Keeps the newest {@code retainCount} snapshots and deletes log segments whose entries all precede the oldest
     * kept snapshot. With no valid snapshot nothing is deleted.
     */
    public PurgeResult purge(int retainCount) throws IOException {
        OptionalLong oldest = snapshots.purge(retainCount);
        int deleted = oldest.isPresent() ? log.deleteSegmentsUpTo(oldest.getAsLong()) : 0;
        return new PurgeResult(oldest, deleted);
    }

    /**
     * ZAB TRUNC: durably removes log entries after {@code zxid} and the snapshots that include them.
     * Log owner thread only.
     */
    public void truncateAfter(long zxid) throws IOException {
        snapshots.deleteNewerThan(zxid);
        log.truncateAfter(zxid);
    }

    public TxnLog log() {
        return log;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public EpochStore epochs() {
        return epochs;
    }

    /** Warnings from opening the log and from the snapshot store. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(log.recoveryWarnings());
        all.addAll(snapshots.warnings());
        return all;
    }

    /** Closes the log (flushing pending appends) and releases the directory lock. */
    @Override
    public void close() throws IOException {
        try {
            log.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
