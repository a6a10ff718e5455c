package io.warden.server.quorum;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.warden.zab.ZabTransport;
import io.warden.zab.message.QuorumMessage.Snap;
import io.warden.zab.message.ZabMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Server-to-server links over TCP on one port (a server has two: quorum and election), on a
 * shared Netty event loop group (no thread per peer). Each server dials every other server once and only sends on that outbound link; it
 * only receives on the links others dialled in. Frames are length-prefixed {@link PeerCodec}
 * bodies; the first frame of a link is {@link PeerFrame.Hello}.
 *
 * <p>A SNAP travels as a stream of frames no larger than {@link SnapStream#CHUNK_BYTES} of content,
 * read from its {@code SnapshotData} only as the link drains, in order with the link's other frames.
 * The receiving side spools it into a file in the spool directory and delivers it whole, as a
 * {@link PeerFrame.Zab} whose snapshot is a {@link SpooledSnapshotData}: the {@link Inbound} owns
 * that file from then on and deletes it. A transport without a spool directory refuses SNAPs.
 *
 * <p>Sending never blocks and may drop (peer down, link broken): the ZAB core tolerates loss.
 * {@link Inbound#received} runs on an event loop thread. Thread-safe.
 */
public final class QuorumTransport implements ZabTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumTransport.class);

    /** Where inbound frames go; called on Netty threads, must not block. */
    public interface Inbound {
        /** A frame from {@code from}; a SNAP's content is a {@link SpooledSnapshotData} the callee deletes. */
        void received(long from, PeerFrame frame);

        /** A link with {@code peer} that was up has closed (the peer died or the network broke). */
        default void linkClosed(long peer) {
        }
    }

    private final long myId;
    private final Map<Long, InetSocketAddress> peers;
    private final EventLoopGroup group;
    private final PeerCodec codec;
    private final int maxFrame;
    private final int chunkBytes;
    private final Path spoolDir;
    private final Inbound inbound;
    /** Largest frame joined from fragments: a DIFF or SNAP tail is bounded by the sender's in-memory log. */
    private static final long MAX_ASSEMBLED = Integer.MAX_VALUE - 64;
    private final Map<Long, LinkOutbox> links = new ConcurrentHashMap<>();
    private final Map<Channel, Boolean> accepted = new ConcurrentHashMap<>();
    /** The newest accepted link of each peer: a late close of an older one is not news. */
    private final Map<Long, Channel> newestAccepted = new ConcurrentHashMap<>();
    /** Writes inbound SNAP content to the spool, off the event loops; its one thread exists only while busy. */
    private final ThreadPoolExecutor spoolWriter;
    private volatile Channel server;
    private volatile boolean closed;
    private volatile String lastLinkError;

    /** A transport that refuses SNAPs (the election port). */
    public QuorumTransport(long myId, Map<Long, InetSocketAddress> peers, EventLoopGroup group, int maxFrame,
                           Inbound inbound) {
        this(myId, peers, group, maxFrame, null, inbound);
    }

    /**
     * @param peers    the quorum address of every other server, by id
     * @param group    shared event loops; the caller owns and shuts it down
     * @param spoolDir an existing directory where inbound SNAPs are spooled, or {@code null} to refuse them
     */
    public QuorumTransport(long myId, Map<Long, InetSocketAddress> peers, EventLoopGroup group, int maxFrame,
                           Path spoolDir, Inbound inbound) {
        if (maxFrame < 1024) {
            throw new IllegalArgumentException("maxFrame " + maxFrame + " is too small");
        }
        this.myId = myId;
        this.peers = Map.copyOf(peers);
        this.group = group;
        this.maxFrame = maxFrame;
        this.chunkBytes = Math.min(SnapStream.CHUNK_BYTES, maxFrame - PeerCodec.CHUNK_HEADER_BYTES);
        this.spoolDir = spoolDir;
        this.codec = new PeerCodec(maxFrame);
        this.inbound = inbound;
        this.spoolWriter = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "snap-spool-" + myId);
            t.setDaemon(true);
            return t;
        });
        spoolWriter.allowCoreThreadTimeOut(true);
    }

    /** Binds the listening socket; blocks until bound. */
    public void bind(InetSocketAddress address) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.put(ch, Boolean.TRUE);
                        ch.closeFuture().addListener(f -> accepted.remove(ch));
                        pipeline(ch).addLast(new InboundHandler(true));
                    }
                });
        server = b.bind(address).sync().channel();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void send(long to, ZabMessage message) {
        send(to, new PeerFrame.Zab(message));
    }

    /** Queues {@code frame} for peer {@code to}; dropped if the link cannot be made. */
    public void send(long to, PeerFrame frame) {
        if (closed) {
            return;
        }
        LinkOutbox link = links.compute(to, (id, current) -> {
            if (current != null && current.usable()) {
                return current;
            }
            ChannelFuture dialled = connect(id);
            return dialled == null ? null : new LinkOutbox(dialled);
        });
        if (link != null) {
            link.offer(frame);
        }
    }

    private ChannelFuture connect(long id) {
        InetSocketAddress address = peers.get(id);
        if (address == null) {
            LOG.warn("No address for server {}", id);
            return null;
        }
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch).addLast(new InboundHandler(false));
                    }
                });
        ChannelFuture f = b.connect(address);
        f.addListener((ChannelFutureListener) done -> {
            if (done.isSuccess()) {
                done.channel().writeAndFlush(new PeerFrame.Hello(myId), done.channel().voidPromise());
                done.channel().closeFuture().addListener(c -> outboundClosed(id, done.channel()));
            } else {
                LOG.debug("Cannot reach server {} at {}: {}", id, address, done.cause().toString());
            }
        });
        return f;
    }

    /** Outbound, tail to head: frames encoded whole (a SNAP as a SnapStream), then streamed in order. */
    private io.netty.channel.ChannelPipeline pipeline(SocketChannel ch) {
        return ch.pipeline()
                .addLast(new ChunkedWriteHandler())
                .addLast(new LengthFieldBasedFrameDecoder(maxFrame, 0, 4, 0, 4))
                .addLast(new FrameFragments.Assembler(MAX_ASSEMBLED))
                .addLast(new FrameEncoder(codec, chunkBytes, maxFrame));
    }

    private void linkClosed(long peer) {
        if (!closed) {
            inbound.linkClosed(peer);
        }
    }

    /** Reported only while it is still the link to {@code peer}, not after a redial replaced it. */
    private void outboundClosed(long peer, Channel channel) {
        LinkOutbox current = links.get(peer);
        if (current == null || current.link().channel() == channel) {
            linkClosed(peer);
        }
    }

    /**
     * Decodes frames; the first must be a Hello, which names the sender for the rest of the link.
     * SnapBegin..SnapEnd are reassembled into one SNAP; nothing else may come between them. Frames
     * behind a SNAP whose file is still being completed wait in {@code held}, so delivery keeps the
     * sender's order.
     */
    private final class InboundHandler extends SimpleChannelInboundHandler<ByteBuf> implements SnapReceiver.Link {
        private final boolean acceptedSide;
        private final ArrayDeque<PeerFrame> held = new ArrayDeque<>();
        private long from = -1;
        private SnapReceiver snaps;
        private ChannelHandlerContext ctx;
        /** Set on the first error: frames already decoded behind the bad one must not be delivered. */
        private boolean broken;

        InboundHandler(boolean acceptedSide) {
            this.acceptedSide = acceptedSide;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            // Outbound links report through their close future. A peer that restarted and dialled
            // again before its old link's close arrived is still connected: dropping its new
            // session over the old close would only delay its sync until a tick limit.
            broken = true;
            held.clear();
            if (snaps != null) {
                snaps.abort();
            }
            if (from >= 0 && acceptedSide && newestAccepted.remove(from, ctx.channel())) {
                linkClosed(from);
            }
            super.channelInactive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf buf) throws IOException {
            if (broken) {
                return;
            }
            PeerFrame frame = codec.decode(buf);
            if (from < 0) {
                if (!(frame instanceof PeerFrame.Hello hello) || !peers.containsKey(hello.serverId())) {
                    throw new PeerCodecException("link did not start with a Hello from a known server: " + frame);
                }
                from = hello.serverId();
                snaps = new SnapReceiver(spoolDir, from, spoolWriter, ctx.channel().eventLoop(), this);
                if (acceptedSide) {
                    newestAccepted.put(from, ctx.channel());
                }
                return;
            }
            if (snaps.finishing()) {
                held.add(frame);
            } else {
                dispatch(frame);
            }
        }

        private void dispatch(PeerFrame frame) throws IOException {
            if (frame instanceof PeerFrame.SnapBegin b) {
                snaps.begin(b);
            } else if (frame instanceof PeerFrame.SnapChunk c) {
                snaps.chunk(c);
            } else if (frame instanceof PeerFrame.SnapEnd e) {
                snaps.end(e);
            } else if (snaps.inProgress()) {
                throw new PeerCodecException("sync phase: " + frame + " arrived in the middle of a SNAP");
            } else {
                inbound.received(from, frame);
            }
        }

        @Override
        public void setReading(boolean on) {
            ctx.channel().config().setAutoRead(on);
        }

        @Override
        public void spooled(Snap snap) {
            if (broken) {
                ((SpooledSnapshotData) snap.snapshot().data()).delete();
                return;
            }
            inbound.received(from, new PeerFrame.Zab(snap));
            try {
                while (!held.isEmpty() && !broken && !snaps.finishing()) {
                    dispatch(held.poll());
                }
            } catch (IOException | RuntimeException e) {
                ctx.pipeline().fireExceptionCaught(e);
            }
        }

        @Override
        public void failed(IOException cause) {
            ctx.pipeline().fireExceptionCaught(new IOException("spooling the SNAP from server " + from + " failed", cause));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (broken) {
                return;
            }
            broken = true;
            held.clear();
            if (snaps != null) {
                snaps.abort();
            }
            lastLinkError = cause.toString();
            LOG.warn("Closing quorum link {} (server {}): {}", ctx.channel().remoteAddress(), from, cause.toString());
            ctx.close();
        }
    }

    /** Why this transport last closed a link it found broken (tests, diagnostics); null if never. */
    String lastLinkError() {
        return lastLinkError;
    }

    /** Links other servers dialled in that are still open (tests). */
    int acceptedLinks() {
        return accepted.size();
    }

    /** Drops the outbound link to {@code id} (tests: simulate a broken link). */
    void disconnect(long id) {
        LinkOutbox link = links.remove(id);
        if (link != null) {
            link.link().channel().close();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        links.values().forEach(l -> l.link().channel().close().syncUninterruptibly());
        links.clear();
        accepted.keySet().forEach(ch -> ch.close().syncUninterruptibly());
        spoolWriter.shutdown(); // queued deletions of dropped transfers still run
    }
}
