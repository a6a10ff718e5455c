package io.warden.server.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** srvr, stat and cons: server summary and connection lines in ZooKeeper's layout. */
final class StatText {

    private StatText() {
    }

    static String srvr(ServerView view) {
        return summary(view, false);
    }

    static String stat(ServerView view) {
        return summary(view, true);
    }

    private static String summary(ServerView view, boolean withClients) {
        StringBuilder sb = new StringBuilder();
        sb.append("Zookeeper version: ").append(view.version().fullVersion()).append('\n');
        if (view.mode() == ServerMode.READ_ONLY) {
            sb.append("READ-ONLY mode; serving only read-only clients\n");
        }
        if (withClients) {
            sb.append("Clients:\n");
            for (ConnectionInfo c : view.connections()) {
                connection(sb, c, true);
                sb.append('\n');
            }
            sb.append('\n');
        }
        ServerStats s = view.stats();
        LatencyStats l = s.latency();
        sb.append("Latency min/avg/max: ").append(l.min()).append('/').append(decimal(l.avg()))
                .append('/').append(l.max()).append('\n');
        sb.append("Received: ").append(s.packetsReceived()).append('\n');
        sb.append("Sent: ").append(s.packetsSent()).append('\n');
        sb.append("Connections: ").append(view.connections().size()).append('\n');
        sb.append("Outstanding: ").append(s.outstandingRequests()).append('\n');
        sb.append("Zxid: 0x").append(Long.toHexString(view.lastProcessedZxid())).append('\n');
        sb.append("Mode: ").append(view.mode().text()).append('\n');
        sb.append("Node count: ").append(view.nodeCount()).append('\n');
        if (view.mode() == ServerMode.LEADER) {
            view.leaderStats().ifPresent(ls -> sb.append("Proposal sizes last/min/max: ")
                    .append(ls.lastProposalSize()).append('/').append(ls.minProposalSize()).append('/')
                    .append(ls.maxProposalSize()).append('\n'));
        }
        return sb.toString();
    }

    static String cons(ServerView view) {
        StringBuilder sb = new StringBuilder();
        for (ConnectionInfo c : view.connections()) {
            connection(sb, c, false);
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }

    /** One connection without the line end: {@code " /ip:port[ops](queued=..,recved=..,sent=..[,sid=..])"}. */
    static void connection(StringBuilder sb, ConnectionInfo c, boolean brief) {
        sb.append(' ').append(c.remoteAddress()).append('[').append(Integer.toHexString(c.interestOps()))
                .append("](queued=").append(c.queuedRequests())
                .append(",recved=").append(c.packetsReceived())
                .append(",sent=").append(c.packetsSent());
        if (!brief) {
            c.session().filter(s -> s.sessionId() != 0).ifPresent(s -> sb
                    .append(",sid=0x").append(Long.toHexString(s.sessionId()))
                    .append(",lop=").append(s.lastOperation())
                    .append(",est=").append(s.establishedMillis())
                    .append(",to=").append(s.sessionTimeout())
                    .append(",lcxid=0x").append(Long.toHexString(s.lastCxid()))
                    .append(",lzxid=0x").append(Long.toHexString(s.lastZxid()))
                    .append(",lresp=").append(s.lastResponseMillis())
                    .append(",llat=").append(s.lastLatency())
                    .append(",minlat=").append(s.minLatency())
                    .append(",avglat=").append(s.avgLatency())
                    .append(",maxlat=").append(s.maxLatency()));
        }
        sb.append(')');
    }

    /**
     * An average as ZooKeeper prints it (a Java double rounded to 4 places, e.g. {@code 0.0},
     * {@code 1.25}), but never in exponent notation, which line parsers would choke on.
     */
    static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0.0";
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.scale() <= 0) {
            d = d.setScale(1);
        }
        return d.toPlainString();
    }
}
