package io.warden.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Cuts one channel's bytes into length-prefixed frames (each copied once, into a reused array) and
 * forwards them and the channel's life-cycle events to the {@link ConnectionDriver}. A frame longer
 * than jute.maxbuffer closes the connection. Runs on the channel's event loop.
 */
final class ClientChannelHandler extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelHandler.class);
    private final ConnectionDriver driver;
    /** Frames up to this size are decoded from {@link #scratch}; larger ones get an array of their own. */
    private static final int MAX_KEPT_SCRATCH = 64 * 1024;
    private final int maxFrameBytes;
    // every decoder copies what it keeps (strings, buffers), so one array serves every frame of the channel
    private byte[] scratch = new byte[4096];

    ClientChannelHandler(ConnectionDriver driver, int maxFrameBytes) {
        this.driver = driver;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        driver.onActive(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4 && !ctx.isRemoved()) {
            int len = in.getInt(in.readerIndex());
            if (len < 0 || len > maxFrameBytes) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("frame of " + len + " bytes exceeds jute.maxbuffer (" + maxFrameBytes + ")");
            }
            if (in.readableBytes() < 4 + len) {
                return;
            }
            in.skipBytes(4);
            byte[] frame = scratch;
            if (len > frame.length) {
                frame = new byte[len];
                if (len <= MAX_KEPT_SCRATCH) {
                    scratch = frame;
                }
            }
            in.readBytes(frame, 0, len);
            driver.onFrame(ctx.channel(), frame, len);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        driver.onReadComplete(ctx.channel());
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        driver.onInactive(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("closing connection to {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
