package io.warden.server.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a ZooKeeper-style {@code zoo.cfg} into a {@link ServerConfig}.
 *
 * <p>Format: one {@code key=value} per line; blank lines and lines starting with {@code #} or
 * {@code !} are comments; keys and values are trimmed. A line that cannot be used (no {@code =},
 * a bad number, a value out of range, a duplicate server id, a bad address, ...) stops parsing with a
 * {@link ConfigException} naming the file, the line and the reason. An unknown key, or a key
 * given twice (the last one wins, as in ZooKeeper), is only a warning.
 *
 * <p>When {@code server.N} lines are present, this server's id is read from {@code dataDir/myid}.
 *
 * <p>Stateless apart from the warning sink; safe to use from any thread. Reads files, so it blocks.
 */
public final class ZooCfgParser {

    private static final Logger LOG = LoggerFactory.getLogger(ZooCfgParser.class);

    /** Keys ZooKeeper knows that Warden accepts but does not act on. */
    private static final Set<String> IGNORED_ZK_KEYS = Set.of(
            "standaloneEnabled", "reconfigEnabled", "dynamicConfigFile", "electionAlg", "peerType",
            "quorumListenOnAllIPs", "globalOutstandingLimit", "preAllocSize", "maxCnxns",
            "clientPortListenBacklog", "secureClientPort", "secureClientPortAddress", "localSessionsEnabled",
            "localSessionsUpgradingEnabled", "syncEnabled", "forceSync", "skipACL", "audit.enable",
            "cnxTimeout", "connectToLearnerMasterLimit", "serverCnxnFactory", "leaderServes",
            "fsync.warningthresholdms", "minClientPortListenBacklog");
    private static final List<String> IGNORED_ZK_PREFIXES = List.of(
            "admin.", "metricsProvider.", "ssl.", "sslQuorum", "authProvider.", "quorum.", "zookeeper.",
            "group.", "weight.", "multiAddress.");

    private final Consumer<String> warnings;

    /** A parser that logs warnings through slf4j. */
    public ZooCfgParser() {
        this(LOG::warn);
    }

    /** A parser that hands each warning (already prefixed with file and line) to {@code warnings}. */
    public ZooCfgParser(Consumer<String> warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Parses a zoo.cfg file, logging warnings. */
    public static ServerConfig parse(Path file) throws ConfigException {
        return new ZooCfgParser().load(file);
    }

    /** Parses zoo.cfg text; {@code sourceName} is used in messages. Logs warnings. */
    public static ServerConfig parse(Reader reader, String sourceName) throws ConfigException {
        return new ZooCfgParser().load(reader, sourceName);
    }

    /** Parses a zoo.cfg file. */
    public ServerConfig load(Path file) throws ConfigException {
        String source = file.toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, source);
        } catch (NoSuchFileException e) {
            throw ConfigException.forFile(source, "file not found");
        } catch (IOException e) {
            throw new ConfigException(source, ConfigException.NO_LINE, "cannot read: " + e, e);
        }
    }

    /** Parses zoo.cfg text; {@code sourceName} is used in messages. Does not close the reader. */
    public ServerConfig load(Reader reader, String sourceName) throws ConfigException {
        List<Entry> entries = readEntries(reader, sourceName);
        return new Run(sourceName).build(entries);
    }

    /** One {@code key=value} line. */
    private record Entry(String key, String value, int line) {
    }

    private List<Entry> readEntries(Reader reader, String source) throws ConfigException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        try {
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new ConfigException(source, lineNo, "expected key=value, got '" + line + "'");
                }
                String key = line.substring(0, eq).strip();
                if (key.isEmpty()) {
                    throw new ConfigException(source, lineNo, "missing key before '='");
                }
                entries.add(new Entry(key, line.substring(eq + 1).strip(), lineNo));
            }
        } catch (IOException e) {
            throw new ConfigException(source, lineNo + 1, "cannot read: " + e, e);
        }
        return entries;
    }

    /** The state of parsing one source. */
    private final class Run {
        private final String source;
        private final Map<String, Entry> settings = new LinkedHashMap<>();
        private final Map<Long, Entry> serverLines = new LinkedHashMap<>();
        private final List<PeerSpec> servers = new ArrayList<>();

        Run(String source) {
            this.source = source;
        }

        ServerConfig build(List<Entry> entries) throws ConfigException {
            for (Entry e : entries) {
                if (e.key.startsWith("server.")) {
                    addServer(e);
                } else if (Keys.ALL.contains(e.key)) {
                    Entry previous = settings.put(e.key, e);
                    if (previous != null) {
                        warn(e.line, e.key + " is also set on line " + previous.line + "; the last value wins");
                    }
                } else if (isIgnoredZooKeeperKey(e.key)) {
                    warn(e.line, "'" + e.key + "' is not supported by Warden and is ignored");
                } else {
                    warn(e.line, "unknown key '" + e.key + "' is ignored");
                }
            }
            ServerConfig.Builder b = ServerConfig.builder();
            applyTiming(b);
            applyStorage(b);
            applyClientPort(b);
            applyLimits(b);
            applyEnsemble(b);
            return finish(b);
        }

        private void addServer(Entry e) throws ConfigException {
            long id;
            PeerSpec peer;
            try {
                id = ServerLineParser.parseId(e.key.substring("server.".length()));
                peer = ServerLineParser.parse(id, e.value);
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(source, e.line, e.key + ": " + ex.getMessage());
            }
            Entry previous = serverLines.putIfAbsent(id, e);
            if (previous != null) {
                throw new ConfigException(source, e.line,
                        "duplicate server id " + id + " (already defined on line " + previous.line + ")");
            }
            for (PeerSpec other : servers) {
                for (int port : new int[] {peer.quorumPort(), peer.electionPort()}) {
                    if (other.host().equalsIgnoreCase(peer.host()) && uses(other, port)) {
                        throw new ConfigException(source, e.line, e.key + ": " + peer.host() + ":" + port
                                + " is already used by server." + other.id() + " on line "
                                + serverLines.get(other.id()).line);
                    }
                }
            }
            servers.add(peer);
        }

        private boolean uses(PeerSpec other, int port) {
            return other.quorumPort() == port || other.electionPort() == port;
        }

        private void applyTiming(ServerConfig.Builder b) throws ConfigException {
            b.tickTime(intAtLeast(Keys.TICK_TIME, ServerConfig.DEFAULT_TICK_TIME, 1));
            b.initLimit(intAtLeast(Keys.INIT_LIMIT, ServerConfig.DEFAULT_INIT_LIMIT, 1));
            b.syncLimit(intAtLeast(Keys.SYNC_LIMIT, ServerConfig.DEFAULT_SYNC_LIMIT, 1));
            Integer min = sessionTimeout(Keys.MIN_SESSION_TIMEOUT);
            Integer max = sessionTimeout(Keys.MAX_SESSION_TIMEOUT);
            int tick = intAtLeast(Keys.TICK_TIME, ServerConfig.DEFAULT_TICK_TIME, 1);
            int effectiveMin = min != null ? min : 2 * tick;
            int effectiveMax = max != null ? max : 20 * tick;
            if (effectiveMin > effectiveMax) {
                Entry minLine = settings.get(Keys.MIN_SESSION_TIMEOUT);
                Entry maxLine = settings.get(Keys.MAX_SESSION_TIMEOUT);
                int line = Math.max(minLine == null ? 0 : minLine.line, maxLine == null ? 0 : maxLine.line);
                throw new ConfigException(source, line, Keys.MIN_SESSION_TIMEOUT + " " + effectiveMin
                        + " is larger than " + Keys.MAX_SESSION_TIMEOUT + " " + effectiveMax);
            }
            b.minSessionTimeout(min);
            b.maxSessionTimeout(max);
        }

        /** -1 (or absent) means "derive from tickTime", as in ZooKeeper. */
        private Integer sessionTimeout(String key) throws ConfigException {
            Entry e = settings.get(key);
            if (e == null) {
                return null;
            }
            int v = parseInt(e);
            if (v == -1) {
                return null;
            }
            if (v <= 0) {
                throw new ConfigException(source, e.line, key + " must be > 0 (or -1 for the default), got " + v);
            }
            return v;
        }

        private void applyStorage(ServerConfig.Builder b) throws ConfigException {
            Entry dataDir = settings.get(Keys.DATA_DIR);
            if (dataDir == null) {
                throw ConfigException.forFile(source, Keys.DATA_DIR + " is not set");
            }
            b.dataDir(path(dataDir));
            Entry dataLogDir = settings.get(Keys.DATA_LOG_DIR);
            b.dataLogDir(dataLogDir == null ? null : path(dataLogDir));
            b.snapCount(intAtLeast(Keys.SNAP_COUNT, ServerConfig.DEFAULT_SNAP_COUNT, 2));
            b.purgeIntervalHours(intAtLeast(Keys.PURGE_INTERVAL, ServerConfig.DEFAULT_PURGE_INTERVAL_HOURS, 0));
            int retain = intAtLeast(Keys.SNAP_RETAIN_COUNT, ServerConfig.DEFAULT_SNAP_RETAIN_COUNT, 1);
            if (retain < ServerConfig.MIN_SNAP_RETAIN_COUNT) {
                warn(settings.get(Keys.SNAP_RETAIN_COUNT).line, Keys.SNAP_RETAIN_COUNT + " " + retain
                        + " is below the minimum; using " + ServerConfig.MIN_SNAP_RETAIN_COUNT);
                retain = ServerConfig.MIN_SNAP_RETAIN_COUNT;
            }
            b.snapRetainCount(retain);
        }

        private void applyClientPort(ServerConfig.Builder b) throws ConfigException {
            Entry port = settings.get(Keys.CLIENT_PORT);
            if (port != null) {
                int p = parseInt(port);
                if (p < 0 || p > 65535) {
                    throw new ConfigException(source, port.line, Keys.CLIENT_PORT + " must be in 0..65535, got " + p);
                }
                b.clientPort(p);
            }
            Entry address = settings.get(Keys.CLIENT_PORT_ADDRESS);
            b.clientPortAddress(address == null ? null : resolve(address, address.value));
        }

        private void applyLimits(ServerConfig.Builder b) throws ConfigException {
            b.maxClientCnxns(intAtLeast(Keys.MAX_CLIENT_CNXNS, ServerConfig.DEFAULT_MAX_CLIENT_CNXNS, 0));
            Entry jute = settings.get(Keys.JUTE_MAX_BUFFER);
            if (jute != null) {
                int v;
                try {
                    v = Integer.decode(jute.value);
                } catch (NumberFormatException ex) {
                    throw new ConfigException(source, jute.line, Keys.JUTE_MAX_BUFFER + ": not a number: '"
                            + jute.value + "'");
                }
                if (v <= 0) {
                    throw new ConfigException(source, jute.line, Keys.JUTE_MAX_BUFFER + " must be > 0, got " + v);
                }
                b.juteMaxBuffer(v);
            }
            Entry whitelist = settings.get(Keys.FOUR_LETTER_WORDS);
            if (whitelist != null) {
                Set<String> names = new LinkedHashSet<>();
                for (String name : whitelist.value.split(",")) {
                    String n = name.strip();
                    if (n.isEmpty()) {
                        continue;
                    }
                    if (!n.equals(ServerConfig.ALL_4LW) && !n.matches("[A-Za-z]{4}")) {
                        warn(whitelist.line, "'" + n + "' is not a four-letter word; ignored");
                        continue;
                    }
                    names.add(n);
                }
                b.fourLetterWordWhitelist(names);
            }
        }

        private void applyEnsemble(ServerConfig.Builder b) throws ConfigException {
            if (servers.isEmpty()) {
                return;
            }
            b.servers(servers);
            Entry dataDir = settings.get(Keys.DATA_DIR);
            Path myidFile = path(dataDir).resolve(MyIdFile.NAME);
            long myid;
            if (servers.size() == 1 && !Files.exists(myidFile)) {
                // A one-member "ensemble" runs standalone (ZooKeeper 3.5+ does not need myid for it either).
                myid = servers.get(0).id();
                warn(serverLines.get(myid).line, "no " + myidFile + "; the only server line, server." + myid
                        + ", is taken as this server");
            } else {
                myid = MyIdFile.read(myidFile);
            }
            Entry selfLine = serverLines.get(myid);
            if (selfLine == null) {
                throw ConfigException.forFile(source, "myid " + myid + " (from " + path(dataDir).resolve(MyIdFile.NAME)
                        + ") is not one of the server ids " + serverLines.keySet());
            }
            b.serverId(myid);
            PeerSpec self = servers.stream().filter(p -> p.id() == myid).findFirst().orElseThrow();
            if (self.clientAddress().isPresent()) {
                applySelfClientAddress(b, selfLine, self.clientAddress().get());
            }
        }

        /** The own server line may carry the client address (ZooKeeper 3.5+ style). */
        private void applySelfClientAddress(ServerConfig.Builder b, Entry selfLine, InetSocketAddress client)
                throws ConfigException {
            Entry port = settings.get(Keys.CLIENT_PORT);
            if (port != null && parseInt(port) != client.getPort()) {
                throw new ConfigException(source, selfLine.line, "client port " + client.getPort() + " of "
                        + selfLine.key + " differs from " + Keys.CLIENT_PORT + "=" + port.value + " on line " + port.line);
            }
            b.clientPort(client.getPort());
            InetAddress host = resolve(selfLine, client.getHostString());
            Entry address = settings.get(Keys.CLIENT_PORT_ADDRESS);
            if (address != null && !resolve(address, address.value).equals(host)) {
                throw new ConfigException(source, selfLine.line, "client address " + client.getHostString() + " of "
                        + selfLine.key + " differs from " + Keys.CLIENT_PORT_ADDRESS + "=" + address.value
                        + " on line " + address.line);
            }
            b.clientPortAddress(host.isAnyLocalAddress() ? null : host);
        }

        /** Every value was checked above with its line; what the record still rejects concerns the whole file. */
        private ServerConfig finish(ServerConfig.Builder b) throws ConfigException {
            try {
                return b.build();
            } catch (IllegalArgumentException ex) {
                throw ConfigException.forFile(source, ex.getMessage());
            }
        }

        private int intAtLeast(String key, int defaultValue, int min) throws ConfigException {
            Entry e = settings.get(key);
            if (e == null) {
                return defaultValue;
            }
            int v = parseInt(e);
            if (v < min) {
                throw new ConfigException(source, e.line, key + " must be >= " + min + ", got " + v);
            }
            return v;
        }

        private int parseInt(Entry e) throws ConfigException {
            try {
                return Integer.parseInt(e.value);
            } catch (NumberFormatException ex) {
                throw new ConfigException(source, e.line, e.key + ": not a number: '" + e.value + "'");
            }
        }

        private Path path(Entry e) throws ConfigException {
            if (e.value.isEmpty()) {
                throw new ConfigException(source, e.line, e.key + ": empty path");
            }
            try {
                return Path.of(e.value);
            } catch (InvalidPathException ex) {
                throw new ConfigException(source, e.line, e.key + ": invalid path '" + e.value + "': " + ex.getReason());
            }
        }

        private InetAddress resolve(Entry e, String host) throws ConfigException {
            if (host.isEmpty()) {
                throw new ConfigException(source, e.line, e.key + ": empty address");
            }
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException ex) {
                throw new ConfigException(source, e.line, e.key + ": unknown host '" + host + "'");
            }
        }

        private void warn(int line, String message) {
            warnings.accept(source + ":" + line + ": " + message);
        }
    }

    private static boolean isIgnoredZooKeeperKey(String key) {
        return IGNORED_ZK_KEYS.contains(key) || IGNORED_ZK_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** The zoo.cfg keys Warden reads (spelled as in ZooKeeper). */
    static final class Keys {
        static final String TICK_TIME = "tickTime";
        static final String INIT_LIMIT = "initLimit";
        static final String SYNC_LIMIT = "syncLimit";
        static final String DATA_DIR = "dataDir";
        static final String DATA_LOG_DIR = "dataLogDir";
        static final String CLIENT_PORT = "clientPort";
        static final String CLIENT_PORT_ADDRESS = "clientPortAddress";
        static final String MAX_CLIENT_CNXNS = "maxClientCnxns";
        static final String MIN_SESSION_TIMEOUT = "minSessionTimeout";
        static final String MAX_SESSION_TIMEOUT = "maxSessionTimeout";
        static final String SNAP_COUNT = "snapCount";
        static final String SNAP_RETAIN_COUNT = "autopurge.snapRetainCount";
        static final String PURGE_INTERVAL = "autopurge.purgeInterval";
        static final String FOUR_LETTER_WORDS = "4lw.commands.whitelist";
        static final String JUTE_MAX_BUFFER = "jute.maxbuffer";
        static final Set<String> ALL = Set.copyOf(Arrays.asList(TICK_TIME, INIT_LIMIT, SYNC_LIMIT, DATA_DIR,
                DATA_LOG_DIR, CLIENT_PORT, CLIENT_PORT_ADDRESS, MAX_CLIENT_CNXNS, MIN_SESSION_TIMEOUT,
                MAX_SESSION_TIMEOUT, SNAP_COUNT, SNAP_RETAIN_COUNT, PURGE_INTERVAL, FOUR_LETTER_WORDS,
                JUTE_MAX_BUFFER));

        private Keys() {
        }
    }
}
