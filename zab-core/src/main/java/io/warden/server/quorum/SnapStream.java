package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.warden.zab.message.QuorumMessage.Snap;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * One SNAP as a sequence of whole, length-prefixed frames: {@link PeerFrame.SnapBegin}, the content
 * in {@link PeerFrame.SnapChunk}s read from {@code snapshot.data().open()} one at a time, then
 * {@link PeerFrame.SnapEnd} with the entries. Netty's {@code ChunkedWriteHandler} pulls the next
 * frame only while the link is writable, so a link holds at most about one chunk plus the socket's
 * high-water mark of snapshot content, whatever the snapshot's size. After {@link #CHUNKS_PER_TURN}
 * chunks it yields the event loop (other links' traffic runs) and resumes from a scheduled task: a
 * socket with a large kernel buffer would otherwise take megabytes in one turn. Event loop only.
 */
final class SnapStream implements ChunkedInput<ByteBuf> {
    /** Snapshot content per frame: small enough to keep the event loop turn short. */
    static final int CHUNK_BYTES = 256 * 1024;
    /** Chunks read and written before the stream lets the event loop run other work. */
    static final int CHUNKS_PER_TURN = 4;

    private enum Stage { BEGIN, BODY, END, DONE }

    private final Snap snap;
    private final PeerCodec codec;
    private final int chunkBytes;
    private final Runnable resumeLater;
    private final long size;
    private Stage stage = Stage.BEGIN;
    private InputStream content;
    private long sent;
    private int chunksThisTurn;

    /**
     * @param chunkBytes  content bytes per chunk frame, at most {@link PeerCodec#MAX_SNAP_CHUNK}
     * @param resumeLater arranges for the streamer to resume this input on a later loop turn (see
     *                    {@link #resumeOnLaterTurn}); {@code null}: never yield
     */
    SnapStream(Snap snap, PeerCodec codec, int chunkBytes, Runnable resumeLater) {
        if (chunkBytes < 1 || chunkBytes > PeerCodec.MAX_SNAP_CHUNK) {
            throw new IllegalArgumentException("chunk size " + chunkBytes);
        }
        this.snap = snap;
        this.codec = codec;
        this.chunkBytes = chunkBytes;
        this.resumeLater = resumeLater;
        this.size = snap.snapshot().data().size();
    }

    /**
     * Resumes {@code streamer} from a scheduled task: those run after the loop's next IO round, while
     * a task queued with {@code execute} could run in the same batch as this one.
     */
    static Runnable resumeOnLaterTurn(EventLoop loop, ChunkedWriteHandler streamer) {
        return () -> loop.schedule(streamer::resumeTransfer, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator alloc) throws IOException {
        if (stage == Stage.BODY && resumeLater != null && ++chunksThisTurn > CHUNKS_PER_TURN) {
            chunksThisTurn = 0;
            resumeLater.run();
            return null; // suspends this input until the streamer resumes it
        }
        switch (stage) {
            case BEGIN:
                content = snap.snapshot().data().open();
                stage = size > 0 ? Stage.BODY : Stage.END;
                return frame(alloc, new PeerFrame.SnapBegin(snap.session(), snap.epoch(), snap.snapshot().zxid(),
                        size));
            case BODY:
                return chunk(alloc);
            case END:
                stage = Stage.DONE;
                close();
                return frame(alloc, new PeerFrame.SnapEnd(snap.entries()));
            default:
                return null;
        }
    }

    private ByteBuf frame(ByteBufAllocator alloc, PeerFrame f) {
        ByteBuf buf = alloc.ioBuffer();
        try {
            codec.writeFrame(f, buf);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private ByteBuf chunk(ByteBufAllocator alloc) throws IOException {
        int n = (int) Math.min(chunkBytes, size - sent);
        ByteBuf buf = alloc.ioBuffer(PeerCodec.CHUNK_HEADER_BYTES + n);
        try {
            PeerCodec.writeChunkHeader(buf, n);
            for (int left = n; left > 0; ) {
                int read = buf.writeBytes(content, left);
                if (read < 0) {
                    throw new IOException("snapshot content at 0x" + Long.toHexString(snap.snapshot().zxid())
                            + " ended after " + (sent + n - left) + " of its " + size + " bytes");
                }
                left -= read;
            }
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
        sent += n;
        if (sent == size) {
            stage = Stage.END;
        }
        return buf;
    }

    @Override
    public boolean isEndOfInput() {
        return stage == Stage.DONE;
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            InputStream c = content;
            content = null;
            c.close();
        }
    }

    @Override
    public long length() {
        return size;
    }

    @Override
    public long progress() {
        return sent;
    }

    @Override
    public String toString() {
        return "SnapStream[" + snap.snapshot() + ", " + sent + " sent]";
    }
}
