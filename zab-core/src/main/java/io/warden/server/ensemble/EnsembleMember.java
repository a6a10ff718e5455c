package io.warden.server.ensemble;

import io.netty.channel.nio.NioEventLoopGroup;
import io.warden.server.admin.ServerMode;
import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;
import io.warden.server.net.ClientPort;
import io.warden.server.net.ClientRequestSink;
import io.warden.server.pipeline.SerialExecutor;
import io.warden.server.pipeline.ServerPipeline;
import io.warden.server.quorum.PeerLog;
import io.warden.server.quorum.QuorumPeer;
import io.warden.server.session.SessionIds;
import io.warden.zab.PersistentState;
import io.warden.zab.Role;
import io.warden.zab.ZabConfig;
import io.warden.znode.persist.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One member of a Warden ensemble (a config with server lines): the znode store kept by ZAB through
 * a {@link QuorumPeer}, both driven by one pipeline thread, behind the client port.
 *
 * <p>Start-up recovers only the newest snapshot into the store: logged transactions after it are
 * applied when ZAB delivers them as committed (after the leader's DIFF/TRUNC/SNAP), never at load.
 * Session passwords are replicated with the sessions (see {@link ReplicatedStore}), so every member
 * accepts a session created on another, whatever server lines each member was given.
 *
 * <p>Thread-safe lifecycle; accessors may be called from any thread.
 */
public final class EnsembleMember implements ServerPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleMember.class);

    private final ServerConfig config;
    private final Storage storage;
    private final SerialExecutor executor;
    private final ScheduledExecutorService timers;
    private final NioEventLoopGroup group;
    private final EnsembleCore core;
    private final EnsembleClients clients;
    private final QuorumPeer quorum;
    private final EnsembleSnapshots snapshots;
    private final long reaperMs;
    private volatile boolean closed;

    private EnsembleMember(ServerConfig config, Clock clock, long reaperMs, Storage storage,
                           PersistentState recovered, ReplicatedStore store) {
        this.config = config;
        this.reaperMs = reaperMs;
        this.storage = storage;
        EnsembleClients[] ref = new EnsembleClients[1];
        this.executor = new SerialExecutor("warden-pipeline-" + config.serverId(), () -> ref[0].flush());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-timers-" + config.serverId());
            t.setDaemon(true);
            return t;
        });
        this.group = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "warden-quorum-" + config.serverId());
            t.setDaemon(true);
            return t;
        });
        this.core = new EnsembleCore(config.serverId(), store,
                new LeaderSessions(config.tickTime(), clock::millis), clock::millis);
        EnsembleHandshake handshake = new EnsembleHandshake(core, new SessionIds(config.serverId(), clock.millis()),
                config.minSessionTimeout(),
                config.maxSessionTimeout(), config.handshakeHoldMs(), clock::millis);
        EnsembleView view = new EnsembleView(config, core, clock);
        this.clients = new EnsembleClients(executor, core, handshake,
                System.getProperty("zookeeper.DigestAuthenticationProvider.superDigest"), clock::millis,
                config.juteMaxBuffer(), view::render);
        ref[0] = clients;
        handshake.bind(clients::send);
        view.bind(clients);
        this.quorum = new QuorumPeer(zabConfig(config), recovered, storage, endpoints(config), group, executor,
                timers, core, new Random(config.serverId() ^ clock.millis()));
        core.bind(quorum, clients, config.self().map(s -> !s.isParticipant()).orElse(false));
        this.snapshots = new EnsembleSnapshots(storage, core.data(), config.snapCount(), config.snapRetainCount(),
                executor, zxid -> quorum.peer().compactLog(zxid), recovered.snapshot());
        core.afterApply(snapshots::applied);
        core.durableSnapshots(snapshots::durable);
    }

    /**
     * Opens the data dir, recovers the snapshot, binds the quorum and election ports and starts
     * taking part in elections. Blocks until both ports are bound.
     */
    public static EnsembleMember open(ServerConfig config, Clock clock) throws IOException {
        return open(config, clock, 60_000);
    }

    /** @param reaperMs how often the leader looks for emptied containers and expired TTL nodes */
    public static EnsembleMember open(ServerConfig config, Clock clock, long reaperMs) throws IOException {
        if (config.self().isEmpty()) {
            throw new IOException("server id " + config.serverId() + " has no server line");
        }
        Storage storage = Storage.open(config.dataDir(), config.dataLogDir());
        EnsembleMember member;
        try {
            PersistentState state = PeerLog.load(storage, ReplicatedStore.emptySnapshot());
            ReplicatedStore store = new ReplicatedStore(state.snapshot().data(), state.snapshot().zxid());
            LOG.info("Server {}: snapshot at 0x{}, {} logged txns await the quorum's verdict", config.serverId(),
                    Long.toHexString(state.snapshot().zxid()), state.log().size());
            member = new EnsembleMember(config, clock, reaperMs, storage, state, store);
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
        member.start();
        return member;
    }

    private void start() throws IOException {
        executor.start();
        try {
            quorum.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding the quorum and election ports", e);
        } catch (Exception e) { // Netty rethrows a failed bind's BindException undeclared
            close();
            throw new IOException("cannot bind the quorum or election port of server " + config.serverId() + ": "
                    + e.getMessage(), e);
        }
        timers.scheduleAtFixedRate(() -> executor.execute(core::tick), config.tickTime(), config.tickTime(),
                TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> executor.execute(core::reap), reaperMs, reaperMs, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(clients::expireHeldHandshakes, 100, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * ZAB ticks at most every 100 ms (elections settle in a few ticks); initLimit and syncLimit keep
     * their meaning in tickTime units.
     */
    static long zabTickMs(ServerConfig config) {
        return Math.max(10, Math.min(config.tickTime(), 100));
    }

    private static ZabConfig zabConfig(ServerConfig config) {
        TreeSet<Long> voters = new TreeSet<>();
        TreeSet<Long> observers = new TreeSet<>();
        for (PeerSpec s : config.servers()) {
            (s.isParticipant() ? voters : observers).add(s.id());
        }
        int k = (int) Math.max(1, config.tickTime() / zabTickMs(config));
        return new ZabConfig(config.serverId(), voters, observers, config.initLimit() * k, config.syncLimit() * k,
                2, 4, Math.max(1, k / 2));
    }

    private static QuorumPeer.Endpoints endpoints(ServerConfig config) {
        Map<Long, QuorumPeer.PeerPorts> peers = new HashMap<>();
        for (PeerSpec s : config.servers()) {
            if (s.id() != config.serverId()) {
                peers.put(s.id(), new QuorumPeer.PeerPorts(s.quorumAddress(), s.electionAddress()));
            }
        }
        PeerSpec self = config.self().orElseThrow();
        QuorumPeer.PeerPorts bind = new QuorumPeer.PeerPorts(new InetSocketAddress(self.host(), self.quorumPort()),
                new InetSocketAddress(self.host(), self.electionPort()));
        return new QuorumPeer.Endpoints(bind, peers, zabTickMs(config), Math.max(256 << 20, config.juteMaxBuffer() * 4));
    }

    @Override
    public ClientRequestSink requests() {
        return clients;
    }

    @Override
    public void attachPort(ClientPort port) {
        // Connections are tracked by the client side itself; nothing to keep.
    }

    @Override
    public long lastZxid() {
        return closed ? -1 : executor.call(() -> core.data().lastApplied());
    }

    @Override
    public ServerMode mode() {
        return core.mode();
    }

    /** The ZAB role right now (LOOKING, LEADING, FOLLOWING, OBSERVING). Any thread. */
    public Role role() {
        return core.role();
    }

    /** True when this member is the established leader (it accepts proposals). Any thread. */
    public boolean isLeader() {
        return core.isEstablishedLeader();
    }

    /** True when this member serves clients (established leader, or learner with a leader). Any thread. */
    public boolean isServing() {
        return core.serving();
    }

    /** The leader this member follows (its own id when leading), -1 while looking. Any thread. */
    public long leaderId() {
        return core.leaderId();
    }

    /** How this member last synchronized with a leader (DIFF, TRUNC, SNAP), null if never. Any thread. */
    public io.warden.zab.ZabEvent.SyncKind lastSync() {
        return core.lastSync();
    }

    /** The last zxid in this member's ZAB log (committed or not), on the pipeline thread. */
    public long lastLoggedZxid() {
        return executor.call(() -> core.peer().lastLoggedZxid());
    }

    public long serverId() {
        return config.serverId();
    }

    public InetSocketAddress quorumAddress() {
        return quorum.quorumAddress();
    }

    public InetSocketAddress electionAddress() {
        return quorum.electionAddress();
    }

    /** The store's digest on the pipeline thread (all members agree once they applied the same zxid). */
    public long digest() {
        return executor.call(() -> core.data().store().digest());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.shutdownNow();
        quorum.close();
        executor.close();
        snapshots.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            storage.close();
        } catch (IOException e) {
            LOG.warn("Closing the data dir failed", e);
        }
    }
}
