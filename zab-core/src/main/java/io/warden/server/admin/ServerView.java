package io.warden.server.admin;

import io.warden.server.config.ServerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The read-only window the four-letter words look through. The server implements it; the
 * renderers in {@link FourLetterWords} only read it (apart from the two reset calls).
 *
 * <p>Threading: methods are called from the thread that answers the 4lw connection (a Netty
 * event loop), never from the tree's executor. Each call must return quickly without blocking on
 * disk or locks held for long, and return an immutable snapshot; the snapshots of different calls
 * need not be mutually consistent. Collections returned are not modified by the renderers.
 */
public interface ServerView {

    /** False while the server is starting, electing or shutting down: most words then answer "not serving". */
    boolean isServing();

    /** Current role. */
    ServerMode mode();

    /** Version reported by srvr, stat, mntr and envi. */
    ServerVersion version();

    /** zxid of the last transaction applied to the tree. */
    long lastProcessedZxid();

    /** Number of znodes, including the {@code /zookeeper} system nodes. */
    long nodeCount();

    /** Sum of path lengths and data sizes, as ZooKeeper approximates it. */
    long approximateDataSize();

    /** Server-wide counters. */
    ServerStats stats();

    /** Live client connections (the 4lw connection itself may be among them, as in ZooKeeper). */
    List<ConnectionInfo> connections();

    /**
     * Watched paths by session id, for wchs/wchc/wchp and zk_watch_count. ZooKeeper 3.9 counts
     * only data watches here (getData/exists, persistent and recursive), not child watches.
     */
    Map<Long, Set<String>> watchesBySession();

    /** Ephemeral paths by owning session id. */
    Map<Long, Set<String>> ephemeralsBySession();

    /** Session expiry buckets, in any order. */
    List<ExpiryBucket> sessionExpiryBuckets();

    /** Sessions known to the whole ensemble. */
    long globalSessionCount();

    /** Sessions local to this server (0 when local sessions are off). */
    default long localSessionCount() {
        return 0;
    }

    /** The configuration the server runs with (conf). */
    ServerConfig config();

    /** Bytes used by snapshots in dataDir. */
    long dataDirSize();

    /** Bytes used by transaction logs in dataLogDir. */
    long logDirSize();

    /** Ordered key/value lines for envi; see {@link EnvironmentInfo#capture}. */
    Map<String, String> environment();

    /** Milliseconds since the server started serving. */
    long uptimeMillis();

    /** Open file descriptors of the process, where the platform tells. */
    default OptionalLong openFileDescriptorCount() {
        return OptionalLong.empty();
    }

    /** File descriptor limit of the process, where the platform tells. */
    default OptionalLong maxFileDescriptorCount() {
        return OptionalLong.empty();
    }

    /** Leader-only statistics; empty unless this server leads. */
    default Optional<LeaderStats> leaderStats() {
        return Optional.empty();
    }

    /** crst: resets every connection's counters and latencies. Must not block. */
    void resetConnectionStats();

    /** srst: resets server-wide counters and latencies. Must not block. */
    void resetServerStats();
}
