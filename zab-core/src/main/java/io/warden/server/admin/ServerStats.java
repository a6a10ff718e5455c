package io.warden.server.admin;

import java.util.Objects;

/**
 * Server-wide counters since start or the last {@code srst}.
 *
 * @param latency             request latency
 * @param packetsReceived     client packets received
 * @param packetsSent         packets sent to clients (replies and notifications)
 * @param outstandingRequests requests received but not yet answered
 */
public record ServerStats(LatencyStats latency, long packetsReceived, long packetsSent, long outstandingRequests) {

    public ServerStats {
        Objects.requireNonNull(latency, "latency");
    }
}
