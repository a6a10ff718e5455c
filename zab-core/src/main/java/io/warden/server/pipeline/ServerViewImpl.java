package io.warden.server.pipeline;

import io.warden.server.admin.ConnectionInfo;
import io.warden.server.admin.DirectorySize;
import io.warden.server.admin.EnvironmentInfo;
import io.warden.server.admin.ExpiryBucket;
import io.warden.server.admin.FourLetterWord;
import io.warden.server.admin.FourLetterWords;
import io.warden.server.admin.LatencyStats;
import io.warden.server.admin.ServerMode;
import io.warden.server.admin.ServerStats;
import io.warden.server.admin.ServerVersion;
import io.warden.server.admin.ServerView;
import io.warden.server.admin.Whitelist;
import io.warden.server.config.ServerConfig;
import io.warden.server.net.ClientConnection;
import io.warden.znode.tree.ZnodeStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The four-letter words' view of a standalone server. Read on the pipeline thread only. */
final class ServerViewImpl implements ServerView {
    private final ServerConfig config;
    private final ZnodeStore store;
    private final StandalonePipeline owner;
    private final Clock clock;
    private final long startedAt;
    private final Whitelist whitelist;
    private final ServerVersion version = ServerVersion.current();
    private RequestPipeline requests;
    private SessionManager sessions;
    private TxnPipeline txns;

    ServerViewImpl(ServerConfig config, ZnodeStore store, StandalonePipeline owner, Clock clock) {
        this.config = config;
        this.store = store;
        this.owner = owner;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.whitelist = Whitelist.from(config);
    }

    void bind(RequestPipeline requests, SessionManager sessions, TxnPipeline txns) {
        this.requests = requests;
        this.sessions = sessions;
        this.txns = txns;
    }

    String render(FourLetterWord word) {
        return FourLetterWords.render(word, this, whitelist);
    }

    @Override public boolean isServing() { return owner.port() != null; }
    @Override public ServerMode mode() { return ServerMode.STANDALONE; }
    @Override public ServerVersion version() { return version; }
    @Override public long lastProcessedZxid() { return txns.lastZxid(); }
    @Override public long nodeCount() { return store.reportedNodeCount(); }
    @Override public long approximateDataSize() { return store.approximateDataSize(); }

    @Override
    public ServerStats stats() {
        RequestPipeline.Counters c = requests.counters();
        return new ServerStats(c.latency(), c.received(), c.sent(), 0);
    }

    @Override
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> out = new ArrayList<>();
        for (ClientConnection c : requests.connections()) {
            Optional<ConnectionInfo.SessionDetails> details = c.sessionId() == 0 ? Optional.empty()
                    : Optional.of(new ConnectionInfo.SessionDetails(c.sessionId(), opName(c.lastOpcode()),
                    c.connectedAtMs(), c.timeoutMs(), c.lastCxid(), c.lastZxid(), clock.millis(),
                    c.maxLatency(), c.minLatency(), c.avgLatency(), c.maxLatency()));
            if (c.remoteAddress() != null) {
                out.add(new ConnectionInfo(c.remoteAddress(), 1, 0, c.received(), c.sent(), details));
            }
        }
        return out;
    }

    private static String opName(int opcode) {
        return switch (opcode) {
            case 11 -> "PING";
            case 1, 15, 19, 21 -> "CREA";
            case 2 -> "DELE";
            case 3 -> "EXIS";
            case 4 -> "GETD";
            case 5 -> "SETD";
            case 8, 12 -> "GETC";
            case 14 -> "MULT";
            case -11 -> "CLOS";
            default -> "NA";
        };
    }

    @Override public Map<Long, Set<String>> watchesBySession() { return Map.copyOf(store.watches().pathsBySession()); }
    @Override public Map<Long, Set<String>> ephemeralsBySession() { return Map.copyOf(store.ephemeralsBySession()); }

    @Override
    public List<ExpiryBucket> sessionExpiryBuckets() {
        List<ExpiryBucket> out = new ArrayList<>();
        sessions.tracker().bucketsView().forEach((at, ids) -> out.add(new ExpiryBucket(at, List.copyOf(ids))));
        return out;
    }

    @Override public long globalSessionCount() { return sessions.liveSessions(); }
    @Override public ServerConfig config() { return config; }
    @Override public long dataDirSize() { return DirectorySize.of(config.dataDir()); }
    @Override public long logDirSize() { return DirectorySize.of(config.dataLogDir()); }
    @Override public Map<String, String> environment() { return EnvironmentInfo.capture(version); }
    @Override public long uptimeMillis() { return clock.millis() - startedAt; }
    @Override public OptionalLong openFileDescriptorCount() { return EnvironmentInfo.openFileDescriptorCount(); }
    @Override public OptionalLong maxFileDescriptorCount() { return EnvironmentInfo.maxFileDescriptorCount(); }

    @Override
    public void resetConnectionStats() {
        requests.connections().forEach(ClientConnection::resetStats);
    }

    @Override
    public void resetServerStats() {
        requests.counters().reset();
    }

    static LatencyStats latency(long min, long total, long count, long max) {
        return count == 0 ? LatencyStats.NONE : new LatencyStats(min, (double) total / count, max);
    }
}
