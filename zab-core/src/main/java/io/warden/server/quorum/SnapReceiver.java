package io.warden.server.quorum;

import io.warden.zab.Snapshot;
import io.warden.zab.message.QuorumMessage.Snap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One link's SNAP in transit: the content of {@link PeerFrame.SnapBegin} .. {@link PeerFrame.SnapEnd}
 * goes into a file in the spool directory as it arrives, so memory holds a few chunks whatever the
 * snapshot's size. File writes run on a disk executor, never on the event loop (a slow disk would
 * stall every link on that loop): once {@link #HIGH_WATER} bytes wait for the disk the link stops
 * reading until they fall to {@link #LOW_WATER}. After SnapEnd the SNAP is handed to
 * {@link Link#spooled} only when its file is complete; until then {@link #finishing()} is true and the
 * caller must hold the link's later frames, which the leader sent after the SNAP.
 *
 * <p>A sequence that breaks the protocol raises {@link PeerCodecException} (the link is closed);
 * {@link #abort} deletes a partial file. Event loop only; the {@link Link} callbacks run on it too.
 */
final class SnapReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(SnapReceiver.class);
    static final String SUFFIX = ".spool";
    /** Bytes queued for the disk at which the link stops reading. */
    static final int HIGH_WATER = 4 * SnapStream.CHUNK_BYTES;
    /** Bytes queued for the disk at which a paused link reads again. */
    static final int LOW_WATER = SnapStream.CHUNK_BYTES;

    /** The link a SNAP arrives on. All calls on the event loop. */
    interface Link {
        /** Turns reading from the socket off (disk behind) or on again. */
        void setReading(boolean on);

        /** The SNAP is complete in its spool file, which the callee now owns. */
        void spooled(Snap snap);

        /** The spool file could not be written: the link must close (the leader will send again). */
        void failed(IOException cause);
    }

    /** One transfer's file; {@code out} and {@code error} are touched only by disk tasks, in order. */
    private static final class Spool {
        final Path file;
        final FileChannel out;
        IOException error;
        /** Loop only: the link dropped the transfer, nothing more is delivered. */
        boolean cancelled;

        Spool(Path file, FileChannel out) {
            this.file = file;
            this.out = out;
        }
    }

    /** Opens a new spool file for writing (tests substitute one that fails). */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    private final Path dir;
    private final long from;
    private final Opener opener;
    private final Executor disk;
    private final Executor loop;
    private final Link link;
    private PeerFrame.SnapBegin begin;
    private Spool spool;
    private long received;
    private long queued;
    private boolean paused;
    private boolean finishing;

    /**
     * @param dir  the spool directory; {@code null} where no SNAP may arrive (election port)
     * @param disk runs file writes in submission order (one thread)
     * @param loop the link's event loop, where disk completions come back
     */
    SnapReceiver(Path dir, long from, Executor disk, Executor loop, Link link) {
        this(dir, from, disk, loop, link, f -> FileChannel.open(f, StandardOpenOption.WRITE));
    }

    SnapReceiver(Path dir, long from, Executor disk, Executor loop, Link link, Opener opener) {
        this.opener = opener;
        this.dir = dir;
        this.from = from;
        this.disk = disk;
        this.loop = loop;
        this.link = link;
    }

    /** True between a SnapBegin and the delivery of its SNAP. */
    boolean inProgress() {
        return begin != null;
    }

    /** True after SnapEnd until the SNAP is delivered: later frames of the link must wait. */
    boolean finishing() {
        return finishing;
    }

    void begin(PeerFrame.SnapBegin b) throws IOException {
        if (dir == null) {
            throw new PeerCodecException("sync phase: SnapBegin on a link that takes no snapshots");
        }
        if (begin != null) {
            throw new PeerCodecException("sync phase: SnapBegin while the SNAP at 0x" + Long.toHexString(begin.zxid())
                    + " is still arriving (" + received + " of " + begin.size() + " bytes)");
        }
        // creating an empty file is quick; only the content goes through the disk executor
        Path file = Files.createTempFile(dir, "snap-" + from + "-", SUFFIX);
        try {
            spool = new Spool(file, opener.open(file));
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        begin = b;
        received = 0;
        LOG.info("Receiving a SNAP at 0x{} from server {}: {} bytes into {}", Long.toHexString(b.zxid()), from,
                b.size(), file.getFileName());
    }

    void chunk(PeerFrame.SnapChunk c) {
        if (begin == null || finishing) {
            throw new PeerCodecException("sync phase: SnapChunk without a SnapBegin");
        }
        byte[] bytes = c.bytes();
        if (received + bytes.length > begin.size()) {
            throw new PeerCodecException("sync phase: SNAP content exceeds the declared " + begin.size()
                    + " bytes (" + received + " received, then a chunk of " + bytes.length + ")");
        }
        received += bytes.length;
        queued += bytes.length;
        if (!paused && queued >= HIGH_WATER) {
            paused = true;
            link.setReading(false);
        }
        Spool s = spool;
        onDisk(s, () -> write(s, bytes), () -> written(s, bytes.length));
    }

    /** Checks the end; the SNAP reaches {@link Link#spooled} once its file is complete. */
    void end(PeerFrame.SnapEnd e) {
        if (begin == null || finishing) {
            throw new PeerCodecException("sync phase: SnapEnd without a SnapBegin");
        }
        if (received != begin.size()) {
            throw new PeerCodecException("sync phase: SNAP ended after " + received + " of the declared "
                    + begin.size() + " bytes");
        }
        finishing = true;
        if (!paused) {
            paused = true; // frames behind the SNAP wait in the socket, not in memory
            link.setReading(false);
        }
        Spool s = spool;
        PeerFrame.SnapBegin b = begin;
        Snap snap = new Snap(b.session(), b.epoch(), new Snapshot(b.zxid(), new SpooledSnapshotData(s.file, b.size())),
                e.entries());
        onDisk(s, () -> close(s), () -> finished(s, snap));
    }

    /** Drops a transfer in progress and its partial file (the link closed or broke the protocol). */
    void abort() {
        if (begin == null) {
            return;
        }
        LOG.info("Dropping the SNAP at 0x{} from server {} ({} of {} bytes received)", Long.toHexString(begin.zxid()),
                from, received, begin.size());
        Spool s = spool;
        s.cancelled = true;
        reset();
        try {
            disk.execute(() -> {
                close(s);
                new SpooledSnapshotData(s.file, 0).delete();
            });
        } catch (RejectedExecutionException closing) {
            new SpooledSnapshotData(s.file, 0).delete(); // transport closing: the spool is cleaned at start-up anyway
        }
    }

    private void reset() {
        begin = null;
        spool = null;
        queued = 0;
        paused = false;
        finishing = false;
    }

    /** Runs {@code work} on the disk executor, then {@code after} back on the loop unless cancelled or failed. */
    private void onDisk(Spool s, Runnable work, Runnable after) {
        try {
            disk.execute(() -> {
                if (s.error == null) {
                    work.run();
                }
                IOException error = s.error;
                try {
                    loop.execute(() -> {
                        if (s.cancelled) {
                            return;
                        }
                        if (error != null) {
                            s.cancelled = true;
                            link.failed(error);
                        } else {
                            after.run();
                        }
                    });
                } catch (RejectedExecutionException loopGone) {
                    // shutting down: the spool is cleaned at the next start
                }
            });
        } catch (RejectedExecutionException closing) {
            // the transport is closing; the link goes with it
        }
    }

    private static void write(Spool s, byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                s.out.write(b);
            }
        } catch (IOException e) {
            s.error = e;
        }
    }

    private static void close(Spool s) {
        try {
            s.out.close();
        } catch (IOException e) {
            if (s.error == null) {
                s.error = e;
            }
        }
    }

    private void written(Spool s, int n) {
        if (s != spool) {
            return;
        }
        queued -= n;
        if (paused && !finishing && queued <= LOW_WATER) {
            paused = false;
            link.setReading(true);
        }
    }

    private void finished(Spool s, Snap snap) {
        if (s != spool) {
            return;
        }
        reset();
        link.spooled(snap); // may replay held frames, even the start of another SNAP
        if (!paused) {
            link.setReading(true);
        }
    }
}
