package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.warden.zab.message.QuorumMessage.Snap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns outbound {@link PeerFrame}s into length-prefixed frames, and a SNAP into a {@link SnapStream}
 * for the {@code ChunkedWriteHandler} nearer the head, which keeps both kinds in write order.
 * A SNAP that cannot be streamed to its end closes the link: what follows it must not arrive as if
 * the learner had the whole snapshot.
 */
final class FrameEncoder extends ChannelOutboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameEncoder.class);

    private final PeerCodec codec;
    private final int chunkBytes;
    private final int maxFrame;

    /** @param maxFrame longer frames go as fragments ({@link FrameFragments}) */
    FrameEncoder(PeerCodec codec, int chunkBytes, int maxFrame) {
        this.codec = codec;
        this.chunkBytes = chunkBytes;
        this.maxFrame = maxFrame;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof PeerFrame.Zab z && z.message() instanceof Snap snap) {
            writeSnap(ctx, snap, promise);
        } else if (msg instanceof PeerFrame f) {
            ByteBuf buf = ctx.alloc().ioBuffer();
            try {
                codec.writeFrame(f, buf);
            } catch (RuntimeException e) {
                buf.release();
                promise.tryFailure(e);
                return;
            }
            FrameFragments.write(ctx, buf, maxFrame, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void writeSnap(ChannelHandlerContext ctx, Snap snap, ChannelPromise promise) {
        ChunkedWriteHandler streamer = ctx.pipeline().get(ChunkedWriteHandler.class);
        SnapStream stream = new SnapStream(snap, codec, chunkBytes,
                SnapStream.resumeOnLaterTurn(ctx.channel().eventLoop(), streamer));
        ChannelPromise streamed = ctx.newPromise();
        streamed.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                promise.trySuccess();
                return;
            }
            if (f.channel().isActive()) {
                LOG.warn("Closing quorum link {}: sending {} failed: {}", f.channel().remoteAddress(), stream,
                        f.cause().toString());
                f.channel().close();
            }
            promise.tryFailure(f.cause());
        });
        ctx.write(stream, streamed);
    }
}
