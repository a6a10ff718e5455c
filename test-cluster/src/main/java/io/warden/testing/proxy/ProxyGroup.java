package io.warden.testing.proxy;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Owns the single event loop thread that every {@link TcpProxy} of a test network runs on (no
 * thread per proxy or per connection). One thread also orders state changes against traffic: a
 * state change returns only after the loop has applied it.
 *
 * <p>Thread-safe. {@link #close} closes every proxy it created and blocks until the thread ends.
 */
public final class ProxyGroup implements AutoCloseable {
    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("warden-proxy", true));
    private final List<TcpProxy> proxies = new CopyOnWriteArrayList<>();

    /** Binds a new forwarding proxy on {@code 127.0.0.1:0} to {@code target}; blocks until bound. */
    public TcpProxy open(String name, InetSocketAddress target) {
        TcpProxy proxy = new TcpProxy(loop(), name, target);
        proxies.add(proxy);
        proxy.bind();
        return proxy;
    }

    EventLoop loop() {
        return group.next();
    }

    /** The proxies opened so far, in opening order. */
    public List<TcpProxy> proxies() {
        return List.copyOf(proxies);
    }

    @Override
    public void close() {
        for (TcpProxy p : proxies) {
            p.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
