package io.warden.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards one channel's frames and life-cycle events to the {@link ConnectionDriver}. */
final class ClientChannelHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelHandler.class);
    private final ConnectionDriver driver;

    ClientChannelHandler(ConnectionDriver driver) {
        this.driver = driver;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        driver.onActive(ctx.channel());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        driver.onFrame(ctx.channel(), bytes);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        driver.onReadComplete(ctx.channel());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        driver.onInactive(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("closing connection to {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
