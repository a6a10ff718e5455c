package io.warden.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * Applies {@code maxClientCnxns} on the listening channel, in the order the kernel handed out the
 * accepted connections. Checking later, in each connection's own event loop, let a later connection
 * win a slot over an earlier one whose loop happened to be busy. A refused connection is closed before
 * it is registered: it never reaches the request pipeline and gets no byte back. The slot is released
 * when the connection's channel closes, however that happens.
 * <p>Runs on the acceptor thread; never blocks.
 */
@ChannelHandler.Sharable
final class ConnectionAdmission extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAdmission.class);

    private final ConnectionLimiter limiter;

    ConnectionAdmission(ConnectionLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Channel child)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String host = hostOf(child);
        if (!limiter.tryAcquire(host)) {
            LOG.warn("Too many connections from {} - max is {}", host, limiter.maxPerHost());
            child.unsafe().closeForcibly();
            return;
        }
        child.closeFuture().addListener(f -> limiter.release(host));
        ctx.fireChannelRead(child);
    }

    static String hostOf(Channel child) {
        return child.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : "";
    }
}
