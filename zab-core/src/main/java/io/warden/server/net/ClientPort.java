package io.warden.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/** The Netty listener of the client port. {@link #start()} blocks until bound; thread-safe lifecycle. */
public final class ClientPort implements AutoCloseable {
    private final InetSocketAddress bindAddress;
    private final int maxFrame;
    private final IntPredicate isFourLetterWord;
    private final ClientRequestSink sink;
    private final ConnectionLimiter limiter;
    private final LongSupplier clock;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;

    public ClientPort(InetSocketAddress bindAddress, int maxFrame, int maxClientCnxns, IntPredicate isFourLetterWord,
                      ClientRequestSink sink, LongSupplier clock) {
        this.bindAddress = bindAddress;
        this.maxFrame = maxFrame;
        this.isFourLetterWord = isFourLetterWord;
        this.sink = sink;
        this.limiter = new ConnectionLimiter(maxClientCnxns);
        this.clock = clock;
    }

    public void start() throws InterruptedException {
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("warden-accept", true));
        workers = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("warden-client-io", true));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ConnectionAdmission(limiter))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("frames", new ClientFrameDecoder(maxFrame, isFourLetterWord));
                        ch.pipeline().addLast("requests", new ClientPortHandler(sink, clock));
                    }
                });
        serverChannel = b.bind(bindAddress).sync().channel();
    }

    /** The bound address (the real port when configured with port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int connectionCount() {
        return limiter.total();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
