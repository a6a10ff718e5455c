package io.warden.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one small NIO event-loop group every client of this JVM shares unless given its own.
 * Its threads are daemons, so it never keeps a JVM alive; it lives as long as the JVM.
 */
public final class NettyResources {
    private NettyResources() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new NioEventLoopGroup(
                Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("warden-client-io", true));
    }

    public static EventLoopGroup sharedGroup() {
        return Holder.GROUP;
    }
}
