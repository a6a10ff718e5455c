package io.warden.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.warden.znode.KeeperException;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.Event.KeeperState;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Xids;
import io.warden.znode.wire.Handshake;
import io.warden.znode.wire.Headers.ReplyHeader;
import io.warden.znode.wire.Headers.RequestHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.Requests.AuthPacket;
import io.warden.znode.wire.Responses.WatcherEvent;
import io.warden.znode.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The connection state machine of one client. Every field is confined to one Netty event loop:
 * public entry points hop onto it. It connects, handshakes, sends auth and setWatches, matches
 * replies to requests in order, pings, notices silent servers, reconnects to another host and
 * expires the session locally when no server was heard for a whole session timeout.
 * User code never runs here: events go to the {@link EventDispatcher}.
 */
final class ConnectionDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDriver.class);
    private static final long MS = 1_000_000L;

    record AuthInfo(String scheme, byte[] auth) {}

    private final ClientConfig config;
    private final EventLoop loop;
    private final EventDispatcher events;
    private final ClientWatchManager watches;
    private final EventFanout fanout;
    private final List<AuthInfo> auths = new CopyOnWriteArrayList<>();
    private final Random random = new Random();
    private final Bootstrap bootstrap;

    private volatile ClientState state = ClientState.LATENT;
    private volatile long sessionId;
    private volatile byte[] passwd = new byte[Handshake.PASSWORD_LENGTH];
    private volatile int negotiatedTimeoutMs;
    private volatile long lastZxid;
    private volatile InetSocketAddress currentHost;
    private boolean seenRwServer;

    private List<InetSocketAddress> hosts;
    private int hostIndex = -1;
    private int failedInRow;
    private Channel channel;
    private boolean handshaking;
    private long attemptStartNanos;
    private long lastSendNanos;
    private long lastRecvNanos;
    private long lastHeardNanos;
    private long pingSentNanos;
    private int nextXid = 1;
    private final ArrayDeque<Packet<?>> pending = new ArrayDeque<>();
    private final ArrayDeque<Packet<?>> waiting = new ArrayDeque<>();
    private final OutboundBatch out = new OutboundBatch();
    private final SubmitQueue submitted;
    private final List<CompletableFuture<Void>> connectWaiters = new ArrayList<>();
    private ScheduledFuture<?> tickTask;
    private CompletableFuture<Void> closeFuture;

    ConnectionDriver(ClientConfig config, EventLoop loop, EventDispatcher events, ClientWatchManager watches,
                     Watcher defaultWatcher) {
        this.config = config;
        this.loop = loop;
        this.events = events;
        this.watches = watches;
        this.fanout = new EventFanout(events, watches, defaultWatcher);
        this.submitted = new SubmitQueue(loop, this::admit, out::flush);
        ConnectionDriver self = this;
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, perHostTimeoutMs())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ClientChannelHandler(self, config.maxBufferBytes()));
                    }
                });
    }

    // ---- accessors (any thread) ----

    ClientState state() { return state; }
    long sessionId() { return sessionId; }
    byte[] passwd() { return passwd.clone(); }
    int negotiatedTimeoutMs() { return negotiatedTimeoutMs; }
    long lastZxid() { return lastZxid; }
    InetSocketAddress currentHost() { return currentHost; }
    void addSessionListener(SessionListener l) { fanout.addSessionListener(l); }
    void removeSessionListener(SessionListener l) { fanout.removeSessionListener(l); }

    private int perHostTimeoutMs() {
        long perHost = config.sessionTimeout().toMillis() / Math.max(1, config.connectString().hosts().size());
        return (int) Math.max(500, Math.min(config.connectionTimeout().toMillis(), perHost));
    }

    private long now() { return config.nanoClock().getAsLong(); }

    private String host() {
        InetSocketAddress h = currentHost;
        return h == null ? "none" : h.getHostString() + ":" + h.getPort();
    }

    // ---- life cycle ----

    void start() {
        loop.execute(() -> {
            if (state != ClientState.LATENT) {
                return;
            }
            state = ClientState.CONNECTING;
            hosts = config.connectString().shuffled(random);
            lastHeardNanos = now();
            long period = Math.max(10, Math.min(200, config.sessionTimeout().toMillis() / 15));
            tickTask = loop.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
            connectNext();
        });
    }

    CompletableFuture<Void> close(long waitMs) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (closeFuture != null) {
                closeFuture.whenComplete((v, e) -> done.complete(null));
                return;
            }
            closeFuture = done;
            if (state.isConnected() && !handshaking) {
                Packet<Void> p = new Packet<>(Request.write(OpCode.closeSession, null, null, "/"),
                        new CompletableFuture<>(), config.maxBufferBytes());
                send(p);
                out.flush();
                ScheduledFuture<?> timer = loop.schedule(this::finishClose, Math.max(1, waitMs), TimeUnit.MILLISECONDS);
                p.future.whenComplete((v, e) -> {
                    timer.cancel(false);
                    finishClose();
                });
            } else {
                finishClose();
            }
        });
        return done;
    }

    private void finishClose() {
        if (state == ClientState.CLOSED) {
            return;
        }
        boolean wasAuthFailed = state == ClientState.AUTH_FAILED;
        state = ClientState.CLOSED;
        if (tickTask != null) {
            tickTask.cancel(false);
        }
        Channel ch = channel;
        channel = null;
        out.attach(null);
        if (ch != null) {
            ch.close();
        }
        failAll(KeeperException.Code.SESSIONEXPIRED);
        failConnectWaiters();
        if (!wasAuthFailed) {
            fireState(KeeperState.Closed, sessionId, false);
        }
        closeFuture.complete(null);
    }

    // ---- connecting ----

    private void connectNext() {
        if (!state.isAlive() || closeFuture != null) {
            return;
        }
        hostIndex = (hostIndex + 1) % hosts.size();
        InetSocketAddress addr = hosts.get(hostIndex);
        InetSocketAddress target = addr.isUnresolved() ? new InetSocketAddress(addr.getHostString(), addr.getPort()) : addr;
        handshaking = true;
        attemptStartNanos = now();
        ChannelFuture cf = bootstrap.connect(target);
        channel = cf.channel();
        out.attach(channel);
        currentHost = addr;
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("connect to {} failed: {}", addr, String.valueOf(f.cause()));
                onInactive(cf.channel());
            }
        });
    }

    void onActive(Channel ch) {
        if (ch != channel) {
            return;
        }
        long sid = seenRwServer ? sessionId : 0;
        byte[] pw = sid == 0 ? new byte[Handshake.PASSWORD_LENGTH] : passwd;
        Handshake.ConnectRequest req = new Handshake.ConnectRequest(0, lastZxid,
                (int) config.sessionTimeout().toMillis(), sid, pw, config.canBeReadOnly());
        writeFrame(null, req);
    }

    void onInactive(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        out.attach(null);
        boolean wasConnected = state.isConnected();
        failAll(KeeperException.Code.CONNECTIONLOSS);
        if (!state.isAlive() || closeFuture != null) {
            return;
        }
        state = ClientState.CONNECTING;
        handshaking = false;
        if (wasConnected) {
            LOG.info("disconnected from {} (session 0x{})", host(), Long.toHexString(sessionId));
            fireState(KeeperState.Disconnected, sessionId, false);
            failedInRow = 0;
        } else {
            failedInRow++;
        }
        // a whole round of hosts failed: pause briefly before the next round
        long delayMs = failedInRow >= hosts.size() ? 50 + random.nextInt(150) : 0;
        loop.schedule(this::connectNext, delayMs, TimeUnit.MILLISECONDS);
    }

    /** One whole frame in {@code frame[0, len)}; the array is reused after this returns, decoders copy. */
    void onFrame(Channel ch, byte[] frame, int len) {
        if (ch != channel) {
            return;
        }
        lastRecvNanos = now();
        lastHeardNanos = lastRecvNanos;
        pingSentNanos = 0;
        try {
            if (handshaking) {
                onConnectResponse(Handshake.ConnectResponse.read(new JuteReader(frame, 0, len, config.maxBufferBytes())));
            } else {
                onReply(frame, len);
            }
        } catch (WireFormatException e) {
            LOG.warn("undecodable frame from {}: {}", host(), e.getMessage());
            ch.close();
        }
    }

    private void onConnectResponse(Handshake.ConnectResponse r) {
        if (r.timeOut() <= 0) {
            LOG.info("session 0x{} expired (told by {})", Long.toHexString(sessionId), host());
            expireSession();
            channel.close();
            return;
        }
        boolean newSession = r.sessionId() != sessionId;
        boolean readOnly = Boolean.TRUE.equals(r.readOnly());
        sessionId = r.sessionId();
        passwd = r.passwd() == null ? new byte[Handshake.PASSWORD_LENGTH] : r.passwd();
        negotiatedTimeoutMs = r.timeOut();
        if (!readOnly) {
            seenRwServer = true;
        }
        handshaking = false;
        failedInRow = 0;
        for (AuthInfo a : auths) {
            sendAuth(a);
        }
        if (!newSession) {
            sendSetWatches();
        }
        state = readOnly ? ClientState.CONNECTED_READ_ONLY : ClientState.CONNECTED;
        LOG.debug("connected to {} session 0x{} timeout {} new {}", host(), Long.toHexString(sessionId),
                negotiatedTimeoutMs, newSession);
        fireState(readOnly ? KeeperState.ConnectedReadOnly : KeeperState.SyncConnected, sessionId, newSession);
        List<CompletableFuture<Void>> ws = new ArrayList<>(connectWaiters);
        connectWaiters.clear();
        ws.forEach(w -> w.complete(null));
        drainWaiting();
        out.flush();
    }

    /** Forget the session: the server did or will. Watches go with it; the next handshake asks for a new one. */
    private void expireSession() {
        long old = sessionId;
        sessionId = 0;
        passwd = new byte[Handshake.PASSWORD_LENGTH];
        seenRwServer = false;
        // a new session starts from scratch, like a new ZooKeeper handle: it may join any server
        lastZxid = 0;
        fireState(KeeperState.Expired, old, false);
        watches.clear();
    }

    private void sendSetWatches() {
        for (JuteRecord batch : SetWatchesBatcher.batches(watches.snapshotPaths(), lastZxid,
                config.connectString()::prependChroot)) {
            int opcode = ((io.warden.znode.wire.Requests.SetWatchesRequest) batch).v2() ? OpCode.setWatches2 : OpCode.setWatches;
            Packet<Void> p;
            try {
                p = new Packet<>(Request.write(opcode, batch, null, "/"), new CompletableFuture<>(),
                        config.maxBufferBytes());
            } catch (IllegalArgumentException e) {
                LOG.warn("setWatches batch not sent: {}", e.getMessage());
                continue;
            }
            p.future.whenComplete((v, e) -> {
                if (e != null) {
                    LOG.info("setWatches failed: {}", e.toString());
                }
            });
            send(p);
        }
    }

    private void sendAuth(AuthInfo a) {
        writeFrame(new RequestHeader(Xids.AUTH, OpCode.auth), new AuthPacket(0, a.scheme(), a.auth()));
    }

    // ---- replies ----

    private void onReply(byte[] frame, int len) {
        JuteReader in = new JuteReader(frame, 0, len, config.maxBufferBytes());
        ReplyHeader h = ReplyHeader.read(in);
        if (h.xid() == Xids.PING) {
            return;
        }
        if (h.xid() == Xids.AUTH) {
            if (h.err() == KeeperException.Code.AUTHFAILED.intValue()) {
                authFailed();
            }
            return;
        }
        if (h.xid() == Xids.NOTIFICATION) {
            onNotification(WatcherEvent.read(in), h.zxid());
            return;
        }
        Packet<?> p = pending.poll();
        if (p == null || p.xid != h.xid()) {
            LOG.warn("xid out of order: got {} expected {}; dropping the connection", h.xid(), p == null ? "none" : p.xid);
            if (p != null) {
                p.fail(KeeperException.create(KeeperException.Code.CONNECTIONLOSS, p.request.clientPath()));
            }
            channel.close();
            return;
        }
        if (h.zxid() > 0) {
            lastZxid = h.zxid();
        }
        complete(p, h.err(), in);
        drainWaiting();
    }

    private <T> void complete(Packet<T> p, int err, JuteReader in) {
        Request<T> r = p.request;
        if (err != 0) {
            if (err == KeeperException.Code.NONODE.intValue() && r.nodeMissingIsOk()) {
                if (r.watcher() != null) {
                    watches.register(WatchKind.EXIST, r.clientPath(), r.watcher());
                }
                p.future.complete(null);
            } else {
                p.fail(KeeperException.create(err, r.clientPath()));
            }
            return;
        }
        T value;
        try {
            value = r.decoder() == null ? null : r.decoder().decode(in);
        } catch (RuntimeException e) {
            p.fail(KeeperException.create(KeeperException.Code.MARSHALLINGERROR, r.clientPath()));
            return;
        }
        if (r.watcher() != null && r.watchKind() != null) {
            watches.register(r.watchKind(), r.clientPath(), r.watcher());
        }
        p.future.complete(value);
    }

    private void onNotification(WatcherEvent ev, long zxid) {
        String path = config.connectString().stripChroot(ev.path());
        EventType type = EventType.fromInt(ev.type());
        WatchedEvent event = new WatchedEvent(type, KeeperState.fromInt(ev.state()), path, zxid);
        Set<Watcher> targets = watches.materialize(type, path);
        if (!targets.isEmpty()) {
            deliver(event, targets);
        }
    }

    void deliver(WatchedEvent event, Iterable<Watcher> targets) {
        fanout.deliver(event, targets);
    }

    private void authFailed() {
        LOG.warn("authentication failed on {}", host());
        state = ClientState.AUTH_FAILED;
        failAll(KeeperException.Code.AUTHFAILED);
        failConnectWaiters();
        fireState(KeeperState.AuthFailed, sessionId, false);
        if (tickTask != null) {
            tickTask.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
    }

    // ---- sending ----

    /**
     * Queues an encoded request from any thread, without blocking. Requests are sent in the order
     * they were queued; a burst costs one loop task, one write per 32 KB and one flush.
     */
    <T> void enqueue(Packet<T> p) {
        submitted.offer(p);
    }

    private void admit(Packet<?> p) {
        if (!state.isAlive() || closeFuture != null) {
            p.fail(KeeperException.create(state == ClientState.AUTH_FAILED
                    ? KeeperException.Code.AUTHFAILED : KeeperException.Code.SESSIONEXPIRED, p.request.clientPath()));
        } else if (!state.isConnected() || handshaking || channel == null) {
            p.fail(KeeperException.create(KeeperException.Code.CONNECTIONLOSS, p.request.clientPath()));
        } else if (pending.size() >= config.maxOutstanding() || !waiting.isEmpty()) {
            waiting.add(p);
        } else {
            send(p);
        }
    }

    private void drainWaiting() {
        while (!waiting.isEmpty() && pending.size() < config.maxOutstanding() && channel != null) {
            send(waiting.poll());
        }
    }

    /** Appends to the outbound batch; the caller flushes (at the end of its loop task). */
    private void send(Packet<?> p) {
        int xid = nextXid;
        nextXid = nextXid == Integer.MAX_VALUE ? 1 : nextXid + 1;
        p.xid = xid;
        Frames.setXid(p.frame, xid);
        pending.add(p);
        out.append(p.frame);
        lastSendNanos = now();
    }

    /** Handshake, auth and ping frames: sent at once, after anything already batched. */
    private void writeFrame(RequestHeader header, JuteRecord body) {
        out.append(encode(header, body));
        out.flush();
        lastSendNanos = now();
    }

    /** End of a read burst: replies may have let waiting requests go; send them in one flush. */
    void onReadComplete(Channel ch) {
        if (ch == channel) {
            out.flush();
        }
    }

    private byte[] encode(RequestHeader header, JuteRecord body) {
        return Frames.encode(header, body, config.maxBufferBytes());
    }

    private void failAll(KeeperException.Code code) {
        List<Packet<?>> all = new ArrayList<>(pending);
        all.addAll(waiting);
        pending.clear();
        waiting.clear();
        for (Packet<?> p : all) {
            p.fail(KeeperException.create(code, p.request.clientPath()));
        }
    }

    // ---- timers ----

    private void tick() {
        long now = now();
        if (!state.isAlive() || closeFuture != null) {
            return;
        }
        if (handshaking && channel != null && now - attemptStartNanos > perHostTimeoutMs() * MS) {
            LOG.debug("handshake with {} timed out", host());
            channel.close();
        } else if (state.isConnected() && channel != null) {
            long readTimeoutNanos = negotiatedTimeoutMs * 2L / 3 * MS;
            // dead = silent for a read timeout although a ping went out half a read timeout ago; a late
            // tick (client-side pause) therefore pings first instead of dropping a healthy connection
            boolean pingUnanswered = pingSentNanos != 0 && now - pingSentNanos >= readTimeoutNanos / 2;
            if (now - lastRecvNanos > readTimeoutNanos && pingUnanswered) {
                LOG.info("no reply from {} for {} ms; reconnecting", host(), (now - lastRecvNanos) / MS);
                channel.close();
            } else if (now - lastSendNanos >= readTimeoutNanos / 2
                    || (pingSentNanos == 0 && now - lastRecvNanos >= readTimeoutNanos / 2)) {
                if (pingSentNanos == 0) {
                    pingSentNanos = now;
                }
                writeFrame(new RequestHeader(Xids.PING, OpCode.ping), null);
            }
        }
        if (!state.isConnected() && sessionId != 0 && negotiatedTimeoutMs > 0
                && now - lastHeardNanos > negotiatedTimeoutMs * MS) {
            LOG.info("no server heard for {} ms: session 0x{} is considered expired",
                    (now - lastHeardNanos) / MS, Long.toHexString(sessionId));
            expireSession();
        }
    }

    // ---- waiting for a connection ----

    CompletableFuture<Void> awaitConnected(long timeoutMs) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.execute(() -> {
            if (state.isConnected() && !handshaking) {
                f.complete(null);
            } else if (!state.isAlive() || closeFuture != null) {
                f.completeExceptionally(KeeperException.create(state == ClientState.AUTH_FAILED
                        ? KeeperException.Code.AUTHFAILED : KeeperException.Code.SESSIONEXPIRED));
            } else {
                connectWaiters.add(f);
                ScheduledFuture<?> timer = loop.schedule(() -> {
                    if (connectWaiters.remove(f)) {
                        f.completeExceptionally(new KeeperException.ConnectionLossException());
                    }
                }, Math.max(0, timeoutMs), TimeUnit.MILLISECONDS);
                f.whenComplete((v, e) -> timer.cancel(false));
            }
        });
        return f;
    }

    private void failConnectWaiters() {
        List<CompletableFuture<Void>> ws = new ArrayList<>(connectWaiters);
        connectWaiters.clear();
        ws.forEach(w -> w.completeExceptionally(KeeperException.create(state == ClientState.AUTH_FAILED
                ? KeeperException.Code.AUTHFAILED : KeeperException.Code.SESSIONEXPIRED)));
    }

    // ---- auth and events ----

    void addAuth(String scheme, byte[] auth) {
        AuthInfo a = new AuthInfo(scheme, auth.clone());
        // registered on the loop: a handshake either sends it with the others or the task sends it, never both
        loop.execute(() -> {
            auths.add(a);
            if (state.isConnected() && !handshaking && channel != null) {
                sendAuth(a);
            }
        });
    }

    /** Ends the session as if the server had expired it (a test seam, like ZooKeeper's Testable). */
    void injectSessionExpiration() {
        loop.execute(() -> {
            if (!state.isAlive()) {
                return;
            }
            expireSession();
            if (channel != null) {
                channel.close();
            }
        });
    }

    private void fireState(KeeperState ks, long sid, boolean newSession) {
        fanout.sessionChanged(new SessionEvent(ks, sid, newSession, negotiatedTimeoutMs));
    }
}
