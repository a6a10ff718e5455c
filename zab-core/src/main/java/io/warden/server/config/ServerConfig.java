package io.warden.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The typed server configuration: what zoo.cfg says, with ZooKeeper's defaults filled in.
 * Immutable; build one with {@link ZooCfgParser}, {@link #defaults()} or {@link #builder()}.
 *
 * <p>Warden differences from ZooKeeper, on purpose:
 * <ul>
 *   <li>Old snapshots and logs are purged by default: {@code autopurge.snapRetainCount} 3 and
 *       {@code autopurge.purgeInterval} 1 hour. {@code purgeInterval=0} does not mean "never" as in
 *       ZooKeeper: Warden then purges only at start-up and after each snapshot, so disks still
 *       cannot fill up with old files.</li>
 *   <li>{@code jute.maxbuffer} may be set in zoo.cfg (ZooKeeper reads it from a system property).</li>
 * </ul>
 *
 * @param tickTime                 the basic time unit in milliseconds
 * @param initLimit                ticks a follower may take to connect and sync to the leader
 * @param syncLimit                ticks a follower may lag behind the leader
 * @param dataDir                  where snapshots (and myid) live
 * @param dataLogDir               where transaction logs live (defaults to dataDir)
 * @param clientPortAddress        address to bind the client port to; empty = all interfaces
 * @param clientPort               client port; 0 = pick an ephemeral port (tests)
 * @param maxClientCnxns           connections allowed per client IP; 0 = unlimited
 * @param minSessionTimeout        lower bound (ms) for negotiated session timeouts
 * @param maxSessionTimeout        upper bound (ms) for negotiated session timeouts
 * @param snapCount                transactions between snapshots
 * @param snapRetainCount          snapshots (with their logs) kept by the purger
 * @param purgeIntervalHours       hours between purges; 0 = only at start-up and after snapshots
 * @param fourLetterWordWhitelist  lower-case 4lw names allowed, or {@code "*"}; always holds srvr
 * @param juteMaxBuffer            largest frame / znode payload in bytes
 * @param servers                  ensemble members from {@code server.N} lines (empty = standalone)
 * @param serverId                 this server's id (myid); 0 when there are no server lines
 * @param handshakeHoldMs          how long an ensemble member holds a client handshake while it has
 *                                 no leader before closing the socket (not a zoo.cfg key; default 1 s,
 *                                 short enough that a client soon tries a server that does serve)
 */
public record ServerConfig(int tickTime, int initLimit, int syncLimit, Path dataDir, Path dataLogDir,
                           Optional<InetAddress> clientPortAddress, int clientPort, int maxClientCnxns,
                           int minSessionTimeout, int maxSessionTimeout, int snapCount,
                           int snapRetainCount, int purgeIntervalHours, Set<String> fourLetterWordWhitelist,
                           int juteMaxBuffer, List<PeerSpec> servers, long serverId, long handshakeHoldMs) {

    public static final int DEFAULT_TICK_TIME = 2000;
    public static final int DEFAULT_INIT_LIMIT = 10;
    public static final int DEFAULT_SYNC_LIMIT = 5;
    public static final int DEFAULT_CLIENT_PORT = 2181;
    public static final int DEFAULT_MAX_CLIENT_CNXNS = 60;
    public static final int DEFAULT_SNAP_COUNT = 100_000;
    public static final int DEFAULT_SNAP_RETAIN_COUNT = 3;
    /** Smallest snapRetainCount accepted, as in ZooKeeper (fewer would leave no fallback snapshot). */
    public static final int MIN_SNAP_RETAIN_COUNT = 3;
    public static final int DEFAULT_PURGE_INTERVAL_HOURS = 1;
    public static final int DEFAULT_JUTE_MAX_BUFFER = 0xfffff;
    public static final long DEFAULT_HANDSHAKE_HOLD_MS = 1000;
    /** The 4lw that is always allowed, whatever the whitelist says. */
    public static final String ALWAYS_ALLOWED_4LW = "srvr";
    /** Whitelist entry that allows every 4lw. */
    public static final String ALL_4LW = "*";
    /** Where embedded defaults keep their data, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public ServerConfig {
        positive("tickTime", tickTime);
        positive("initLimit", initLimit);
        positive("syncLimit", syncLimit);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dataLogDir, "dataLogDir");
        Objects.requireNonNull(clientPortAddress, "clientPortAddress");
        if (clientPort < 0 || clientPort > 65535) {
            throw new IllegalArgumentException("clientPort must be in 0..65535: " + clientPort);
        }
        if (maxClientCnxns < 0) {
            throw new IllegalArgumentException("maxClientCnxns must be >= 0: " + maxClientCnxns);
        }
        positive("minSessionTimeout", minSessionTimeout);
        positive("maxSessionTimeout", maxSessionTimeout);
        if (minSessionTimeout > maxSessionTimeout) {
            throw new IllegalArgumentException("minSessionTimeout " + minSessionTimeout
                    + " is larger than maxSessionTimeout " + maxSessionTimeout);
        }
        if (snapCount < 2) {
            throw new IllegalArgumentException("snapCount must be >= 2: " + snapCount);
        }
        if (snapRetainCount < MIN_SNAP_RETAIN_COUNT) {
            throw new IllegalArgumentException("snapRetainCount must be >= " + MIN_SNAP_RETAIN_COUNT
                    + ": " + snapRetainCount);
        }
        if (purgeIntervalHours < 0) {
            throw new IllegalArgumentException("purgeIntervalHours must be >= 0: " + purgeIntervalHours);
        }
        positive("juteMaxBuffer", juteMaxBuffer);
        if (handshakeHoldMs < 0) {
            throw new IllegalArgumentException("handshakeHoldMs must be >= 0: " + handshakeHoldMs);
        }
        fourLetterWordWhitelist = normalizeWhitelist(fourLetterWordWhitelist);
        servers = List.copyOf(servers);
        checkServers(servers, serverId);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    private static Set<String> normalizeWhitelist(Set<String> names) {
        Set<String> out = new LinkedHashSet<>();
        out.add(ALWAYS_ALLOWED_4LW);
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return Set.copyOf(out);
    }

    private static void checkServers(List<PeerSpec> servers, long serverId) {
        Set<Long> ids = new HashSet<>();
        for (PeerSpec peer : servers) {
            if (!ids.add(peer.id())) {
                throw new IllegalArgumentException("duplicate server id " + peer.id());
            }
        }
        if (!servers.isEmpty() && !ids.contains(serverId)) {
            throw new IllegalArgumentException("myid " + serverId + " is not one of the server ids " + ids);
        }
    }

    /** Embedded defaults: 127.0.0.1:2181, data in ./data, ZooKeeper's timing defaults. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the embedded defaults of {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values; session timeouts still follow tickTime if they were derived. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .tickTime(tickTime).initLimit(initLimit).syncLimit(syncLimit)
                .dataDir(dataDir).clientPortAddress(clientPortAddress.orElse(null)).clientPort(clientPort)
                .maxClientCnxns(maxClientCnxns).snapCount(snapCount).snapRetainCount(snapRetainCount)
                .purgeIntervalHours(purgeIntervalHours).fourLetterWordWhitelist(fourLetterWordWhitelist)
                .juteMaxBuffer(juteMaxBuffer).servers(servers).serverId(serverId);
        if (!dataLogDir.equals(dataDir)) {
            b.dataLogDir(dataLogDir);
        }
        if (minSessionTimeout != 2 * tickTime) {
            b.minSessionTimeout(minSessionTimeout);
        }
        if (maxSessionTimeout != 20 * tickTime) {
            b.maxSessionTimeout(maxSessionTimeout);
        }
        return b;
    }

    /** Same config on another client port (0 = ephemeral, for tests). */
    public ServerConfig withClientPort(int port) {
        return toBuilder().clientPort(port).build();
    }

    /** Same config bound to another address; null = all interfaces. */
    public ServerConfig withClientPortAddress(InetAddress address) {
        return toBuilder().clientPortAddress(address).build();
    }

    /** Same config with another data dir; the log dir moves too unless it was set apart. */
    public ServerConfig withDataDir(Path dir) {
        Builder b = toBuilder().dataDir(dir);
        if (dataLogDir.equals(dataDir)) {
            b.dataLogDir(null);
        }
        return b.build();
    }

    /** Same config with another 4lw whitelist (srvr is added; {@code "*"} allows all). */
    public ServerConfig withFourLetterWordWhitelist(Set<String> names) {
        return toBuilder().fourLetterWordWhitelist(names).build();
    }

    /** The socket address to bind the client port to (wildcard address when none is configured). */
    public InetSocketAddress clientAddress() {
        return clientPortAddress.map(a -> new InetSocketAddress(a, clientPort))
                .orElseGet(() -> new InetSocketAddress(clientPort));
    }

    /** True if the whitelist allows the named 4lw (case-insensitive). */
    public boolean fourLetterWordAllowed(String name) {
        return fourLetterWordWhitelist.contains(ALL_4LW)
                || fourLetterWordWhitelist.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * True when this server runs alone: no server lines, or a single one (ZooKeeper 3.5+ with the
     * default {@code standaloneEnabled=true} also runs a one-member ensemble standalone).
     */
    public boolean isStandalone() {
        return servers.size() <= 1;
    }

    /** This server's own {@code server.N} line, if there are server lines. */
    public Optional<PeerSpec> self() {
        return servers.stream().filter(p -> p.id() == serverId).findFirst();
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int tickTime = DEFAULT_TICK_TIME;
        private int initLimit = DEFAULT_INIT_LIMIT;
        private int syncLimit = DEFAULT_SYNC_LIMIT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private Path dataLogDir;
        private InetAddress clientPortAddress = InetAddress.getLoopbackAddress();
        private int clientPort = DEFAULT_CLIENT_PORT;
        private int maxClientCnxns = DEFAULT_MAX_CLIENT_CNXNS;
        private Integer minSessionTimeout;
        private Integer maxSessionTimeout;
        private int snapCount = DEFAULT_SNAP_COUNT;
        private int snapRetainCount = DEFAULT_SNAP_RETAIN_COUNT;
        private int purgeIntervalHours = DEFAULT_PURGE_INTERVAL_HOURS;
        private Set<String> fourLetterWordWhitelist = Set.of(ALWAYS_ALLOWED_4LW);
        private int juteMaxBuffer = DEFAULT_JUTE_MAX_BUFFER;
        private List<PeerSpec> servers = List.of();
        private long serverId;
        private long handshakeHoldMs = DEFAULT_HANDSHAKE_HOLD_MS;

        private Builder() {
        }

        public Builder tickTime(int v) { tickTime = v; return this; }
        public Builder initLimit(int v) { initLimit = v; return this; }
        public Builder syncLimit(int v) { syncLimit = v; return this; }
        public Builder dataDir(Path v) { dataDir = Objects.requireNonNull(v, "dataDir"); return this; }
        /** Null = same as dataDir. */
        public Builder dataLogDir(Path v) { dataLogDir = v; return this; }
        /** Null = all interfaces. */
        public Builder clientPortAddress(InetAddress v) { clientPortAddress = v; return this; }
        public Builder clientPort(int v) { clientPort = v; return this; }
        public Builder maxClientCnxns(int v) { maxClientCnxns = v; return this; }
        /** Null = 2 * tickTime. */
        public Builder minSessionTimeout(Integer v) { minSessionTimeout = v; return this; }
        /** Null = 20 * tickTime. */
        public Builder maxSessionTimeout(Integer v) { maxSessionTimeout = v; return this; }
        public Builder snapCount(int v) { snapCount = v; return this; }
        public Builder snapRetainCount(int v) { snapRetainCount = v; return this; }
        public Builder purgeIntervalHours(int v) { purgeIntervalHours = v; return this; }
        public Builder fourLetterWordWhitelist(Set<String> v) {
            fourLetterWordWhitelist = Set.copyOf(v);
            return this;
        }
        public Builder juteMaxBuffer(int v) { juteMaxBuffer = v; return this; }
        public Builder servers(List<PeerSpec> v) { servers = new ArrayList<>(v); return this; }
        public Builder serverId(long v) { serverId = v; return this; }
        public Builder handshakeHoldMs(long v) { handshakeHoldMs = v; return this; }

        /** @throws IllegalArgumentException if a value is out of range or inconsistent */
        public ServerConfig build() {
            int min = minSessionTimeout != null ? minSessionTimeout : 2 * tickTime;
            int max = maxSessionTimeout != null ? maxSessionTimeout : 20 * tickTime;
            return new ServerConfig(tickTime, initLimit, syncLimit, dataDir,
                    dataLogDir != null ? dataLogDir : dataDir, Optional.ofNullable(clientPortAddress),
                    clientPort, maxClientCnxns, min, max, snapCount, snapRetainCount, purgeIntervalHours,
                    fourLetterWordWhitelist, juteMaxBuffer, servers, serverId, handshakeHoldMs);
        }
    }
}
