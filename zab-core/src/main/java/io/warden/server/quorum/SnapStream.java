package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.warden.zab.message.QuorumMessage.Snap;

import java.io.IOException;
import java.io.InputStream;

/**
 * One SNAP as a sequence of whole, length-prefixed frames: {@link PeerFrame.SnapBegin}, the content
 * in {@link PeerFrame.SnapChunk}s read from {@code snapshot.data().open()} one at a time, then
 * {@link PeerFrame.SnapEnd} with the entries. Netty's {@code ChunkedWriteHandler} pulls the next
 * frame only while the link is writable, so a link holds at most about one chunk plus the socket's
 * high-water mark of snapshot content, whatever the snapshot's size. Event loop only.
 */
final class SnapStream implements ChunkedInput<ByteBuf> {
    /** Snapshot content per frame: small enough to keep the event loop turn short. */
    static final int CHUNK_BYTES = 256 * 1024;

    private enum Stage { BEGIN, BODY, END, DONE }

    private final Snap snap;
    private final PeerCodec codec;
    private final int chunkBytes;
    private final long size;
    private Stage stage = Stage.BEGIN;
    private InputStream content;
    private long sent;

    /** @param chunkBytes content bytes per chunk frame, at most {@link PeerCodec#MAX_SNAP_CHUNK} */
    SnapStream(Snap snap, PeerCodec codec, int chunkBytes) {
        if (chunkBytes < 1 || chunkBytes > PeerCodec.MAX_SNAP_CHUNK) {
            throw new IllegalArgumentException("chunk size " + chunkBytes);
        }
        this.snap = snap;
        this.codec = codec;
        this.chunkBytes = chunkBytes;
        this.size = snap.snapshot().data().size();
    }

    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator alloc) throws IOException {
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
