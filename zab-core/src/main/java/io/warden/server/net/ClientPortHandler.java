package io.warden.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The last inbound handler of a client channel: turns decoded frames into calls on the
 * {@link ClientRequestSink}. Runs on the channel's event loop and never blocks.
 */
public final class ClientPortHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientPortHandler.class);

    private final ClientRequestSink sink;
    private final java.util.function.LongSupplier clock;
    private ClientConnection connection;

    /** The connection was admitted (maxClientCnxns) by {@link ConnectionAdmission} on the acceptor. */
    public ClientPortHandler(ClientRequestSink sink, java.util.function.LongSupplier clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new ClientConnection(ctx.channel(), clock.getAsLong());
        sink.opened(connection);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection == null) {
            return;
        }
        if (msg instanceof ClientFrameDecoder.FourLetterCommand cmd) {
            sink.fourLetterWord(connection, cmd.code());
        } else if (msg instanceof byte[] frame) {
            connection.countReceived();
            sink.frame(connection, frame);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            sink.closed(connection);
            connection = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Closing connection {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
