package io.warden.testing.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for one directed link: listens on {@code 127.0.0.1:<ephemeral>} and relays every
 * accepted connection to a fixed target, byte for byte, while its {@link LinkState} is
 * {@link LinkState#FORWARD}. Faults are injected by changing the state.
 *
 * <p>All I/O and state runs on one Netty event loop. {@link #state(LinkState)} and {@link #close()}
 * may be called from any thread and block until the loop has applied them, so once they return no
 * further byte is relayed against the new state. Counters are readable from any thread.
 */
public final class TcpProxy implements AutoCloseable {
    private final EventLoop loop;
    private final String name;
    private volatile InetSocketAddress target;
    private final Set<Conn> conns = new HashSet<>(); // loop only
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private LinkState state = LinkState.FORWARD; // written on the loop only
    private volatile LinkState published = LinkState.FORWARD;
    private volatile Channel server;
    private volatile boolean closed;

    TcpProxy(EventLoop loop, String name, InetSocketAddress target) {
        this.loop = loop;
        this.name = name;
        this.target = target;
    }

    void bind() {
        ServerBootstrap b = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted(ch);
                    }
                });
        server = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    /** Where clients of this link connect. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public InetSocketAddress target() {
        return target;
    }

    /**
     * Sends new connections to {@code next} (a server that came back on another port); open
     * connections to the old target are closed. Blocks until applied.
     */
    public void retarget(InetSocketAddress next) {
        onLoop(() -> {
            target = next;
            for (Conn c : new ArrayList<>(conns)) {
                c.closeBoth();
            }
            return null;
        });
    }

    public String name() {
        return name;
    }

    public LinkState state() {
        return published;
    }

    /** Bytes relayed to either side so far. */
    public long forwardedBytes() {
        return forwarded.get();
    }

    /** Bytes received on black-holed connections and discarded. */
    public long droppedBytes() {
        return dropped.get();
    }

    /** Connections currently open through this proxy (relayed or black-holed). Blocks briefly. */
    public int openConnections() {
        return onLoop(conns::size);
    }

    /** Applies {@code next} (see {@link LinkState}); blocks until the event loop has done so. */
    public void state(LinkState next) {
        onLoop(() -> {
            apply(next);
            return null;
        });
    }

    private void apply(LinkState next) {
        state = next;
        published = next;
        boolean cut = next == LinkState.DROP || next == LinkState.SILENT;
        for (Conn c : new ArrayList<>(conns)) {
            if (c.blackholed) {
                if (!cut) {
                    c.closeBoth();
                }
            } else if (c.silenced) {
                if (next != LinkState.SILENT) {
                    c.closeBoth();
                }
            } else if (next == LinkState.DROP) {
                c.closeBoth();
            } else if (next == LinkState.SILENT) {
                c.silenced = true;
                c.reading(true);
            } else {
                c.reading(next == LinkState.FORWARD);
            }
        }
    }

    private <T> T onLoop(Callable<T> task) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return loop.submit(task).syncUninterruptibly().getNow();
    }

    private void accepted(SocketChannel front) {
        if (closed) {
            front.close();
            return;
        }
        Conn c = new Conn(front, state == LinkState.DROP || state == LinkState.SILENT);
        conns.add(c);
        if (c.blackholed) {
            front.closeFuture().addListener(f -> conns.remove(c));
            front.pipeline().addLast(new Discard());
            front.config().setAutoRead(true);
            return;
        }
        front.pipeline().addLast(new Relay(c, true));
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new Relay(c, false))
                .connect(target).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess() || !front.isActive()) {
                        f.channel().close();
                        c.closeBoth();
                        return;
                    }
                    c.back = f.channel();
                    c.reading(state == LinkState.FORWARD);
                });
    }

    /** One accepted connection and, unless black-holed, its connection to the target. Loop only. */
    private final class Conn {
        final Channel front;
        final boolean blackholed;
        /** Was relayed, then a silent partition began: reads are discarded, closes not passed on. */
        boolean silenced;
        Channel back;

        Conn(Channel front, boolean blackholed) {
            this.front = front;
            this.blackholed = blackholed;
        }

        Channel other(boolean fromFront) {
            return fromFront ? back : front;
        }

        void reading(boolean on) {
            front.config().setAutoRead(on);
            if (back != null) {
                back.config().setAutoRead(on);
            }
            if (on) {
                front.flush();
                if (back != null) {
                    back.flush();
                }
            }
        }

        void closeBoth() {
            conns.remove(this);
            front.close();
            if (back != null) {
                back.close();
            }
        }
    }

    /** Relays bytes read on one side to the other, with back-pressure. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Conn conn;
        private final boolean front;

        Relay(Conn conn, boolean front) {
            this.conn = conn;
            this.front = front;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel out = conn.other(front);
            if (conn.silenced) {
                dropped.addAndGet(((ByteBuf) msg).readableBytes());
                ReferenceCountUtil.release(msg);
                return;
            }
            if (out == null || !out.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            forwarded.addAndGet(((ByteBuf) msg).readableBytes());
            // While frozen a late read is queued unflushed, so a frozen link loses nothing.
            out.write(msg, out.voidPromise());
            if (!out.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel out = conn.other(front);
            if (out != null && state == LinkState.FORWARD) {
                out.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Channel in = conn.other(front);
            if (ctx.channel().isWritable() && in != null && state == LinkState.FORWARD) {
                in.config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (conn.silenced) {
                return; // the other side must not learn; leaving SILENT closes it
            }
            Channel out = conn.other(front);
            conns.remove(conn);
            if (out != null && out.isActive()) {
                // Pass on what was already relayed, then the close (a peer's FIN).
                out.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                conn.closeBoth();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            conn.closeBoth();
        }
    }

    /** Reads and discards: a partitioned link. */
    private final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            dropped.addAndGet(((ByteBuf) msg).readableBytes());
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Stops listening and closes every connection; blocks until done. Idempotent. */
    @Override
    public void close() {
        if (closed || loop.isShuttingDown()) {
            closed = true;
            return;
        }
        closed = true;
        onLoop(() -> {
            if (server != null) {
                server.close();
            }
            for (Conn c : new ArrayList<>(conns)) {
                c.closeBoth();
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "proxy " + name + " " + (server == null ? "unbound" : address()) + " -> " + target + " " + published;
    }
}
