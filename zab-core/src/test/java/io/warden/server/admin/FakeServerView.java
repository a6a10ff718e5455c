package io.warden.server.admin;

import io.warden.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A mutable stand-in for the server: tests set fields, renderers read them. */
final class FakeServerView implements ServerView {
    boolean serving = true;
    ServerMode mode = ServerMode.STANDALONE;
    ServerVersion version = new ServerVersion("3.9.3", "0.1.0", "2025-01-02 03:04 UTC");
    long zxid = 0x100000005L;
    long nodeCount = 5;
    long dataSize = 44;
    ServerStats stats = new ServerStats(new LatencyStats(0, 0.5, 3), 12, 11, 0);
    List<ConnectionInfo> connections = new ArrayList<>();
    Map<Long, Set<String>> watches = new LinkedHashMap<>();
    Map<Long, Set<String>> ephemerals = new LinkedHashMap<>();
    List<ExpiryBucket> buckets = new ArrayList<>();
    long globalSessions = 1;
    ServerConfig config = ServerConfig.defaults().withDataDir(Path.of("/var/warden"));
    long dataDirSize = 1024;
    long logDirSize = 67108880;
    Map<String, String> environment = new LinkedHashMap<>();
    long uptime = 12345;
    OptionalLong openFds = OptionalLong.of(42);
    OptionalLong maxFds = OptionalLong.of(4096);
    Optional<LeaderStats> leaderStats = Optional.empty();
    int connectionResets;
    int serverResets;

    @Override public boolean isServing() { return serving; }
    @Override public ServerMode mode() { return mode; }
    @Override public ServerVersion version() { return version; }
    @Override public long lastProcessedZxid() { return zxid; }
    @Override public long nodeCount() { return nodeCount; }
    @Override public long approximateDataSize() { return dataSize; }
    @Override public ServerStats stats() { return stats; }
    @Override public List<ConnectionInfo> connections() { return connections; }
    @Override public Map<Long, Set<String>> watchesBySession() { return watches; }
    @Override public Map<Long, Set<String>> ephemeralsBySession() { return ephemerals; }
    @Override public List<ExpiryBucket> sessionExpiryBuckets() { return buckets; }
    @Override public long globalSessionCount() { return globalSessions; }
    @Override public ServerConfig config() { return config; }
    @Override public long dataDirSize() { return dataDirSize; }
    @Override public long logDirSize() { return logDirSize; }
    @Override public Map<String, String> environment() { return environment; }
    @Override public long uptimeMillis() { return uptime; }
    @Override public OptionalLong openFileDescriptorCount() { return openFds; }
    @Override public OptionalLong maxFileDescriptorCount() { return maxFds; }
    @Override public Optional<LeaderStats> leaderStats() { return leaderStats; }
    @Override public void resetConnectionStats() { connectionResets++; }
    @Override public void resetServerStats() { serverResets++; }
}
