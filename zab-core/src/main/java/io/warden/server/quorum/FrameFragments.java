package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Frames longer than the link's frame limit (a DIFF, TRUNC or SNAP tail carrying many logged
 * transactions) travel as a run of FRAGMENT frames: tag, a last-piece flag, then up to
 * {@link #PIECE_BYTES} of the original body. {@link Assembler} (right after the length decoder)
 * joins them and passes the whole body on as if it had come in one frame. Frames within the limit
 * are untouched, so the steady state costs nothing.
 */
final class FrameFragments {
    /** Original body bytes per fragment. */
    static final int PIECE_BYTES = 1 << 20;
    /** Tag and last-piece flag in front of a piece. */
    private static final int HEADER = 2;

    private FrameFragments() {
    }

    /**
     * Writes {@code frame} (length prefix and body) as it is when it fits {@code maxFrame},
     * else as fragments; {@code promise} completes with the last piece. Takes ownership of {@code frame}.
     */
    static void write(ChannelHandlerContext ctx, ByteBuf frame, int maxFrame, ChannelPromise promise) {
        if (frame.readableBytes() <= maxFrame) { // the decoder's limit counts the length prefix too
            ctx.write(frame, promise);
            return;
        }
        int piece = Math.min(PIECE_BYTES, maxFrame - 4 - HEADER);
        try {
            frame.skipBytes(4);
            while (frame.isReadable()) {
                int n = Math.min(piece, frame.readableBytes());
                boolean last = n == frame.readableBytes();
                ByteBuf out = ctx.alloc().ioBuffer(4 + HEADER + n);
                out.writeInt(HEADER + n).writeByte(PeerCodec.FRAGMENT).writeByte(last ? 1 : 0);
                out.writeBytes(frame, n);
                ctx.write(out, last ? promise : ctx.voidPromise());
            }
        } finally {
            frame.release();
        }
    }

    /** Joins fragments into one body, at most {@code maxAssembled} bytes. Event loop only. */
    static final class Assembler extends ChannelInboundHandlerAdapter {
        private final long maxAssembled;
        private CompositeByteBuf assembling;

        Assembler(long maxAssembled) {
            this.maxAssembled = maxAssembled;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            boolean fragment = buf.isReadable() && buf.getByte(buf.readerIndex()) == PeerCodec.FRAGMENT;
            if (!fragment) {
                if (assembling != null) {
                    buf.release();
                    throw new PeerCodecException("a frame arrived inside a fragmented one");
                }
                ctx.fireChannelRead(buf);
                return;
            }
            if (buf.readableBytes() < HEADER) {
                buf.release();
                throw new PeerCodecException("fragment without its header");
            }
            boolean last = buf.getByte(buf.readerIndex() + 1) != 0;
            buf.skipBytes(HEADER);
            if (assembling == null) {
                assembling = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            if ((long) assembling.readableBytes() + buf.readableBytes() > maxAssembled) {
                buf.release();
                throw new PeerCodecException("fragmented frame longer than " + maxAssembled + " bytes");
            }
            assembling.addComponent(true, buf);
            if (last) {
                ByteBuf whole = assembling;
                assembling = null;
                ctx.fireChannelRead(whole);
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            release();
            ctx.fireChannelInactive();
        }

        private void release() {
            if (assembling != null) {
                assembling.release();
                assembling = null;
            }
        }
    }
}
