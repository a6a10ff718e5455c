package io.warden.server.pipeline;

import io.warden.server.admin.FourLetterWord;
import io.warden.server.config.ServerConfig;
import io.warden.server.net.ClientPort;
import io.warden.server.net.ClientRequestSink;
import io.warden.server.session.SessionIds;
import io.warden.server.session.SessionTracker;
import io.warden.znode.persist.Storage;
import io.warden.znode.persist.GroupCommitter;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.tree.Prepared;
import io.warden.znode.tree.RequestContext;
import io.warden.znode.txn.ErrorTxn;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests.PathRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires one standalone server's request path: recovery, the pipeline thread, the group-committed
 * log, session expiry ticks, the container/TTL reaper and background snapshots.
 */
public final class StandalonePipeline implements ServerPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(StandalonePipeline.class);

    private final ServerConfig config;
    private final Storage dataDir;
    private final ZnodeStore store;
    private final GroupCommitter committer;
    private final SerialExecutor executor;
    private final TxnPipeline txns;
    private final SessionManager sessions;
    private final RequestPipeline requests;
    private final Snapshotter snapshotter;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private volatile ClientPort port;

    private StandalonePipeline(ServerConfig config, Clock clock, Storage dataDir, ZnodeStore store, long reaperMs,
                               SessionPasswords passwords) {
        this.config = config;
        this.clock = clock;
        this.dataDir = dataDir;
        this.store = store;
        TxnPipeline[] txnRef = new TxnPipeline[1];
        this.executor = new SerialExecutor("warden-pipeline", () -> txnRef[0].flush());
        this.committer = new GroupCommitter(dataDir.log(), GroupCommitter.Options.defaults(), r -> {
            Thread t = new Thread(r, "warden-log-writer");
            t.setDaemon(true);
            return t;
        }, new GroupCommitter.DurabilityListener() {
            @Override
            public void onDurable(long zxid) {
                executor.execute(() -> txnRef[0].durable(zxid));
            }

            @Override
            public void onFailure(Throwable cause) {
                LOG.error("The transaction log failed; no further write will be acknowledged", cause);
            }
        });
        Frames frames = new Frames();
        this.txns = new TxnPipeline(store, committer::enqueue, clock::millis, frames, store.lastProcessedZxid());
        txnRef[0] = txns;
        this.sessions = new SessionManager(store, txns, new SessionTracker(config.tickTime()),
                new SessionIds(Math.max(1, config.serverId()), clock.millis()), frames, clock::millis,
                config.minSessionTimeout(), config.maxSessionTimeout(),
                System.getProperty("zookeeper.DigestAuthenticationProvider.superDigest"), passwords);
        this.snapshotter = new Snapshotter(dataDir, store, txns, committer, config.snapCount(), config.snapRetainCount(),
                executor);
        ServerViewImpl view = new ServerViewImpl(config, store, this, clock);
        this.requests = new RequestPipeline(executor, txns, sessions, frames, config.juteMaxBuffer(),
                code -> FourLetterWord.fromInt(code).map(w -> view.render(w)).orElse(""));
        view.bind(requests, sessions, txns);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-timers");
            t.setDaemon(true);
            return t;
        });
        sessions.recovered(store.sessions());
        executor.start();
        timers.scheduleAtFixedRate(() -> executor.execute(this::tick), config.tickTime(), config.tickTime(),
                TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> executor.execute(this::reap), reaperMs, reaperMs, TimeUnit.MILLISECONDS);
    }

    /** Recovers the store from the newest valid snapshot plus the log, then starts the pipeline thread. */
    public static StandalonePipeline open(ServerConfig config, Clock clock, long reaperMs) throws IOException {
        Storage dataDir = Storage.open(config.dataDir(), config.dataLogDir());
        ZnodeStore store;
        try {
            store = StoreRecovery.recover(dataDir);
        } catch (IOException | RuntimeException e) {
            dataDir.close();
            throw e;
        }
        dataDir.warnings().forEach(w -> LOG.warn("{}", w));
        LOG.info("Recovered {} znodes up to zxid 0x{}", store.nodeCount(), Long.toHexString(store.lastProcessedZxid()));
        return new StandalonePipeline(config, clock, dataDir, store, reaperMs, SessionPasswords.open(config.dataDir()));
    }

    @Override
    public ClientRequestSink requests() {
        return requests;
    }

    @Override
    public void attachPort(ClientPort port) {
        this.port = port;
    }

    ClientPort port() {
        return port;
    }

    @Override
    public long lastZxid() {
        return executor.call(txns::lastZxid);
    }

    /** The tree digest now (blocks on the pipeline thread; for tests and checks). */
    long digest() {
        return executor.call(store::digest);
    }

    private void tick() {
        sessions.expire();
        snapshotter.maybeSnapshot();
    }

    /** Containers that had children and TTL nodes past their TTL become ordinary delete transactions. */
    private void reap() {
        long now = clock.millis();
        for (String path : store.reapCandidates(now, 1000)) {
            byte[] body = new JuteWriter(path.length() + 8).write(new PathRequest(path)).toByteArray();
            Prepared p = store.prepare(RequestContext.internal(now), OpCode.deleteContainer, new JuteReader(body));
            if (p.isWrite() && !(p.txn() instanceof ErrorTxn)) {
                txns.submit(0, 0, p.txn(), null, false);
            }
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        executor.close();
        snapshotter.close();
        committer.close();
        try {
            dataDir.close();
        } catch (IOException e) {
            LOG.warn("Closing the data dir failed", e);
        }
    }
}
