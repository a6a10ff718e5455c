package io.warden.server.admin;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one client connection, for {@code cons} and {@code stat}.
 *
 * @param remoteAddress   the client's address
 * @param interestOps     1 = reading, 4 = waiting to write (ZooKeeper prints it in hex)
 * @param queuedRequests  requests of this connection not yet answered
 * @param packetsReceived packets received on this connection
 * @param packetsSent     packets sent on this connection
 * @param session         session details once the handshake is done
 */
public record ConnectionInfo(InetSocketAddress remoteAddress, int interestOps, long queuedRequests,
                             long packetsReceived, long packetsSent, Optional<SessionDetails> session) {

    public ConnectionInfo {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(session, "session");
    }

    /**
     * The session side of a connection.
     *
     * @param sessionId          the session id
     * @param lastOperation      short name of the last operation (e.g. {@code GETD}, {@code PING}); {@code NA} if none
     * @param establishedMillis  wall-clock time the connection was established (epoch ms)
     * @param sessionTimeout     negotiated timeout in ms
     * @param lastCxid           last client xid seen
     * @param lastZxid           zxid of the last reply (-1 before any)
     * @param lastResponseMillis time of the last reply in ms (ZooKeeper prints its monotonic clock here)
     * @param lastLatency        latency of the last request, ms
     * @param minLatency         smallest latency, ms
     * @param avgLatency         mean latency, ms (an integer, as ZooKeeper prints it)
     * @param maxLatency         largest latency, ms
     */
    public record SessionDetails(long sessionId, String lastOperation, long establishedMillis, int sessionTimeout,
                                 long lastCxid, long lastZxid, long lastResponseMillis, long lastLatency,
                                 long minLatency, long avgLatency, long maxLatency) {

        public SessionDetails {
            Objects.requireNonNull(lastOperation, "lastOperation");
        }
    }
}
