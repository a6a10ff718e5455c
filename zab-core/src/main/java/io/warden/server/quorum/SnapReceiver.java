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

/**
 * One link's SNAP in transit: the content of {@link PeerFrame.SnapBegin} .. {@link PeerFrame.SnapEnd}
 * goes into a file in the spool directory as it arrives, so memory holds one chunk whatever the
 * snapshot's size. A sequence that breaks the protocol raises {@link PeerCodecException} (the link is
 * closed); {@link #abort} deletes a partial file. Event loop only.
 */
final class SnapReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(SnapReceiver.class);
    static final String SUFFIX = ".spool";

    private final Path dir;
    private final long from;
    private PeerFrame.SnapBegin begin;
    private Path file;
    private FileChannel out;
    private long received;

    /** @param dir the spool directory; {@code null} where no SNAP may arrive (election port) */
    SnapReceiver(Path dir, long from) {
        this.dir = dir;
        this.from = from;
    }

    /** True between a SnapBegin and its SnapEnd. */
    boolean inProgress() {
        return begin != null;
    }

    void begin(PeerFrame.SnapBegin b) throws IOException {
        if (dir == null) {
            throw new PeerCodecException("sync phase: SnapBegin on a link that takes no snapshots");
        }
        if (begin != null) {
            throw new PeerCodecException("sync phase: SnapBegin while the SNAP at 0x" + Long.toHexString(begin.zxid())
                    + " is still arriving (" + received + " of " + begin.size() + " bytes)");
        }
        file = Files.createTempFile(dir, "snap-" + from + "-", SUFFIX);
        try {
            out = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        begin = b;
        received = 0;
        LOG.info("Receiving a SNAP at 0x{} from server {}: {} bytes into {}", Long.toHexString(b.zxid()), from,
                b.size(), file.getFileName());
    }

    void chunk(PeerFrame.SnapChunk c) throws IOException {
        if (begin == null) {
            throw new PeerCodecException("sync phase: SnapChunk without a SnapBegin");
        }
        byte[] bytes = c.bytes();
        if (received + bytes.length > begin.size()) {
            throw new PeerCodecException("sync phase: SNAP content exceeds the declared " + begin.size()
                    + " bytes (" + received + " received, then a chunk of " + bytes.length + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
        received += bytes.length;
    }

    /** The reassembled SNAP, its content in the now complete spool file (which the caller owns). */
    Snap end(PeerFrame.SnapEnd e) throws IOException {
        if (begin == null) {
            throw new PeerCodecException("sync phase: SnapEnd without a SnapBegin");
        }
        if (received != begin.size()) {
            throw new PeerCodecException("sync phase: SNAP ended after " + received + " of the declared "
                    + begin.size() + " bytes");
        }
        out.close();
        PeerFrame.SnapBegin b = begin;
        Path done = file;
        begin = null;
        file = null;
        out = null;
        return new Snap(b.session(), b.epoch(), new Snapshot(b.zxid(), new SpooledSnapshotData(done, b.size())),
                e.entries());
    }

    /** Drops a transfer in progress and its partial file (the link closed or broke the protocol). */
    void abort() {
        if (begin == null) {
            return;
        }
        LOG.info("Dropping the partial SNAP at 0x{} from server {} ({} of {} bytes)", Long.toHexString(begin.zxid()),
                from, received, begin.size());
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("Closing {}: {}", file, e.toString());
        }
        new SpooledSnapshotData(file, received).delete();
        begin = null;
        file = null;
        out = null;
    }
}
