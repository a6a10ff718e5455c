package io.warden.server.ensemble;

import io.warden.server.admin.ConnectionInfo;
import io.warden.server.admin.DirectorySize;
import io.warden.server.admin.EnvironmentInfo;
import io.warden.server.admin.ExpiryBucket;
import io.warden.server.admin.FourLetterWord;
import io.warden.server.admin.FourLetterWords;
import io.warden.server.admin.LatencyStats;
import io.warden.server.admin.LeaderStats;
import io.warden.server.admin.ServerMode;
import io.warden.server.admin.ServerStats;
import io.warden.server.admin.ServerVersion;
import io.warden.server.admin.ServerView;
import io.warden.server.admin.Whitelist;
import io.warden.server.config.ServerConfig;
import io.warden.server.net.ClientConnection;
import io.warden.zab.ZabPeer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The four-letter words' view of an ensemble member. Read on the pipeline thread only. */
final class EnsembleView implements ServerView {
    private final ServerConfig config;
    private final EnsembleCore core;
    private final Clock clock;
    private final long startedAt;
    private final Whitelist whitelist;
    private final ServerVersion version = ServerVersion.current();
    private EnsembleClients clients;

    EnsembleView(ServerConfig config, EnsembleCore core, Clock clock) {
        this.config = config;
        this.core = core;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.whitelist = Whitelist.from(config);
    }

    void bind(EnsembleClients clients) {
        this.clients = clients;
    }

    String render(int code) {
        return FourLetterWord.fromInt(code).map(w -> FourLetterWords.render(w, this, whitelist)).orElse("");
    }

    @Override public boolean isServing() { return core.serving(); }
    @Override public ServerMode mode() { return core.mode(); }
    @Override public ServerVersion version() { return version; }
    @Override public long lastProcessedZxid() { return core.data().lastApplied(); }
    @Override public long nodeCount() { return core.data().store().reportedNodeCount(); }
    @Override public long approximateDataSize() { return core.data().store().approximateDataSize(); }

    @Override
    public ServerStats stats() {
        return new ServerStats(LatencyStats.NONE, clients.packetsReceived(), clients.packetsSent(),
                core.data().proposalsInFlight());
    }

    @Override
    public Optional<LeaderStats> leaderStats() {
        if (!core.isEstablishedLeader()) {
            return Optional.empty();
        }
        ZabPeer.LearnerCounts n = core.peer().learnerCounts();
        return Optional.of(new LeaderStats(n.connected(), n.syncedVoters(), 0, n.syncedObservers(),
                clients.pendingSyncs(), -1, -1, -1));
    }

    @Override
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> out = new ArrayList<>();
        for (ClientConnection c : clients.connections()) {
            Optional<ConnectionInfo.SessionDetails> details = c.sessionId() == 0 ? Optional.empty()
                    : Optional.of(new ConnectionInfo.SessionDetails(c.sessionId(), "NA", c.connectedAtMs(),
                    c.timeoutMs(), c.lastCxid(), c.lastZxid(), clock.millis(), c.maxLatency(), c.minLatency(),
                    c.avgLatency(), c.maxLatency()));
            if (c.remoteAddress() != null) {
                out.add(new ConnectionInfo(c.remoteAddress(), 1, 0, c.received(), c.sent(), details));
            }
        }
        return out;
    }

    @Override
    public Map<Long, Set<String>> watchesBySession() {
        return Map.copyOf(core.data().store().watches().pathsBySession());
    }

    @Override
    public Map<Long, Set<String>> ephemeralsBySession() {
        return Map.copyOf(core.data().store().ephemeralsBySession());
    }

    @Override
    public List<ExpiryBucket> sessionExpiryBuckets() {
        List<ExpiryBucket> out = new ArrayList<>();
        core.sessions().buckets().forEach((at, ids) -> out.add(new ExpiryBucket(at, List.copyOf(ids))));
        return out;
    }

    @Override public long globalSessionCount() { return core.data().store().sessions().size(); }
    @Override public ServerConfig config() { return config; }
    @Override public long dataDirSize() { return DirectorySize.of(config.dataDir()); }
    @Override public long logDirSize() { return DirectorySize.of(config.dataLogDir()); }
    @Override public Map<String, String> environment() { return EnvironmentInfo.capture(version); }
    @Override public long uptimeMillis() { return clock.millis() - startedAt; }
    @Override public OptionalLong openFileDescriptorCount() { return EnvironmentInfo.openFileDescriptorCount(); }
    @Override public OptionalLong maxFileDescriptorCount() { return EnvironmentInfo.maxFileDescriptorCount(); }

    @Override
    public void resetConnectionStats() {
        clients.connections().forEach(ClientConnection::resetStats);
    }

    @Override
    public void resetServerStats() {
    }
}
