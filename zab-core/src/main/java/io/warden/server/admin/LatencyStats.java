package io.warden.server.admin;

/**
 * Request latency in milliseconds since start or the last reset.
 *
 * @param min smallest latency seen (0 when nothing was measured yet)
 * @param avg mean latency
 * @param max largest latency seen
 */
public record LatencyStats(long min, double avg, long max) {

    public static final LatencyStats NONE = new LatencyStats(0, 0.0, 0);
}
