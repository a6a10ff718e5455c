package io.warden.server.quorum;

import io.netty.channel.EventLoopGroup;
import io.warden.zab.Delivery;
import io.warden.zab.Envelope;
import io.warden.zab.PersistentState;
import io.warden.zab.Ready;
import io.warden.zab.StateMachine;
import io.warden.zab.StorageOp;
import io.warden.zab.ZabConfig;
import io.warden.zab.ZabEvent;
import io.warden.zab.ZabPeer;
import io.warden.zab.message.Notification;
import io.warden.zab.message.QuorumMessage;
import io.warden.znode.persist.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives one {@link ZabPeer} with real time, sockets and disk. Election notifications travel on
 * the election port, everything else (discovery, sync, broadcast, Warden frames) on the quorum
 * port, each over its own {@link QuorumTransport}; both share the caller's event loops. Every call into the peer runs on the
 * given serial {@code executor} (the server's pipeline thread, which also owns the znode tree):
 * ticks every {@code tickMs}, inbound ZAB messages, proposals and durability reports. After each
 * call the peer's {@link Ready} is carried out in contract order: storage ops (barriers durable
 * before returning, appends group-committed and reported back through {@link ZabPeer#persisted}),
 * then messages, then deliveries to the {@link Application}.
 *
 * <p>A SNAP from the leader arrives spooled in {@code <snapshot dir>/incoming} ({@link QuorumTransport});
 * the pass that steps it installs it (the log copies it into the snapshot store, the application
 * reads it in {@link StateMachine#restore}, both before the pass returns) or drops it, and then the
 * spooled file is deleted. So {@code restore} must read the content before it returns.
 *
 * <p>Methods other than {@link #start}/{@link #close} must be called on the executor.
 */
public final class QuorumPeer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumPeer.class);
    /** Notifications are a few dozen bytes; anything near this is not one. */
    private static final int ELECTION_MAX_FRAME = 64 * 1024;
    /** Beside the snapshots, so a SNAP spools onto the disk it will be installed on. */
    static final String SPOOL_DIR = "incoming";

    /** The replicated application (the znode tree); called on the executor. */
    public interface Application extends StateMachine {
        /** A role change or leader establishment. */
        void event(ZabEvent event);

        /** A Warden frame (forwarded request, sync) from another server. */
        void frame(long from, PeerFrame frame);
    }

    /** A server's two peer-facing addresses, as in its {@code server.N=host:quorumPort:electionPort} line. */
    public record PeerPorts(InetSocketAddress quorum, InetSocketAddress election) {
    }

    /** Addresses and timing. {@code peers} maps every other server id to its ports. */
    public record Endpoints(PeerPorts bind, Map<Long, PeerPorts> peers, long tickMs, int maxFrame) {
        public Endpoints {
            peers = Map.copyOf(peers);
        }

        private Map<Long, InetSocketAddress> quorumAddresses() {
            Map<Long, InetSocketAddress> out = new HashMap<>();
            peers.forEach((id, p) -> out.put(id, p.quorum()));
            return out;
        }

        private Map<Long, InetSocketAddress> electionAddresses() {
            Map<Long, InetSocketAddress> out = new HashMap<>();
            peers.forEach((id, p) -> out.put(id, p.election()));
            return out;
        }
    }

    private final ZabPeer peer;
    private final QuorumTransport transport;
    private final QuorumTransport elections;
    private final PeerLog log;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Application app;
    private final Endpoints endpoints;
    private final Path spoolDir;
    private volatile boolean closed;
    private ScheduledFuture<?> ticker;

    public QuorumPeer(ZabConfig config, PersistentState recovered, Storage storage, Endpoints endpoints,
                      EventLoopGroup group, Executor executor, ScheduledExecutorService timer, Application app,
                      Random random) {
        this.executor = executor;
        this.timer = timer;
        this.app = app;
        this.endpoints = endpoints;
        this.spoolDir = storage.snapshots().directory().resolve(SPOOL_DIR);
        this.peer = new ZabPeer(config, recovered, app, random);
        this.log = new PeerLog(storage, zxid -> onExecutor(() -> peer.persisted(zxid)),
                () -> LOG.error("The transaction log failed; this server stops acknowledging"));
        this.transport = new QuorumTransport(config.myId(), endpoints.quorumAddresses(), group,
                endpoints.maxFrame(), spoolDir, new QuorumTransport.Inbound() {
                    @Override
                    public void received(long from, PeerFrame frame) {
                        QuorumPeer.this.received(from, frame);
                    }

                    @Override
                    public void linkClosed(long peerId) {
                        onExecutor(() -> peer.linkLost(peerId));
                    }
                });
        this.elections = new QuorumTransport(config.myId(), endpoints.electionAddresses(), group,
                ELECTION_MAX_FRAME, new QuorumTransport.Inbound() {
                    @Override
                    public void received(long from, PeerFrame frame) {
                        if (frame instanceof PeerFrame.Zab z && z.message() instanceof Notification) {
                            onExecutor(() -> peer.step(from, z.message()));
                        } else {
                            LOG.warn("Server {}: dropped a non-election frame from server {} on the election port: {}",
                                    config.myId(), from, frame.getClass().getSimpleName());
                        }
                    }

                    @Override
                    public void linkClosed(long peerId) {
                        onExecutor(() -> peer.electionLinkLost(peerId));
                    }
                });
    }

    /**
     * Empties the SNAP spool (files a crash left), binds the quorum and election ports and starts
     * ticking. Blocks until bound.
     */
    public void start() throws InterruptedException {
        clearSpool();
        transport.bind(endpoints.bind().quorum());
        elections.bind(endpoints.bind().election());
        ticker = timer.scheduleAtFixedRate(() -> onExecutor(peer::tick), endpoints.tickMs(), endpoints.tickMs(),
                TimeUnit.MILLISECONDS);
        onExecutor(() -> { });
    }

    public InetSocketAddress quorumAddress() {
        return transport.localAddress();
    }

    public InetSocketAddress electionAddress() {
        return elections.localAddress();
    }

    public ZabPeer peer() {
        return peer;
    }

    /** Proposes a transaction; executor only. @return its zxid @throws io.warden.zab.NotLeaderException */
    public long propose(byte[] payload) {
        long zxid = peer.propose(payload);
        process();
        return zxid;
    }

    /** Sends a Warden frame to another server (dropped if unreachable). Any thread. */
    public void send(long to, PeerFrame frame) {
        transport.send(to, frame);
    }

    private void clearSpool() {
        try {
            Files.createDirectories(spoolDir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDir)) {
                for (Path f : files) {
                    LOG.info("Server {}: removing {} left in the SNAP spool", peer.id(), f.getFileName());
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SNAP spool " + spoolDir, e);
        }
    }

    private void received(long from, PeerFrame frame) {
        if (frame instanceof PeerFrame.Zab z && z.message() instanceof QuorumMessage.Snap snap
                && snap.snapshot().data() instanceof SpooledSnapshotData spooled) {
            Runnable step = () -> {
                try {
                    if (!closed) {
                        peer.step(from, snap);
                        process();
                    }
                } finally {
                    spooled.delete(); // installed or dropped by now; either way no one reads it again
                }
            };
            try {
                executor.execute(step);
            } catch (RuntimeException e) { // the executor stopped: nobody will install it
                spooled.delete();
                throw e;
            }
        } else if (frame instanceof PeerFrame.Zab z) {
            onExecutor(() -> peer.step(from, z.message()));
        } else {
            executor.execute(() -> {
                if (!closed) {
                    app.frame(from, frame);
                }
            });
        }
    }

    private void onExecutor(Runnable call) {
        executor.execute(() -> {
            if (closed) {
                return;
            }
            call.run();
            process();
        });
    }

    /** Carries out everything the peer produced, in the order {@link Ready} requires. */
    private void process() {
        while (true) {
            Ready ready = peer.ready();
            if (ready.isEmpty()) {
                return;
            }
            for (StorageOp op : ready.persist()) {
                log.write(op);
            }
            for (Envelope e : ready.messages()) {
                (e.message() instanceof Notification ? elections : transport).send(e.to(), e.message());
            }
            for (Delivery d : ready.deliveries()) {
                if (d instanceof Delivery.Apply a) {
                    app.apply(a.txn());
                } else if (d instanceof Delivery.Restore r) {
                    app.restore(r.snapshot());
                }
            }
            for (ZabEvent e : ready.events()) {
                LOG.info("Server {}: {}", peer.id(), e);
                app.event(e);
            }
        }
    }

    /** Stops ticking and networking, then makes queued appends durable. Idempotent; any thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        elections.close();
        transport.close();
        log.close();
    }
}
