package io.warden.server.admin;

import java.util.Map;
import java.util.Set;

/** mntr: {@code zk_<key>\t<value>} lines, version and state first, as ZooKeeper 3.9 prints them. */
final class MonitorText {

    private MonitorText() {
    }

    static String mntr(ServerView view) {
        StringBuilder sb = new StringBuilder();
        line(sb, "version", view.version().fullVersion());
        line(sb, "server_state", view.mode().text());
        ServerStats s = view.stats();
        line(sb, "avg_latency", StatText.decimal(s.latency().avg()));
        line(sb, "max_latency", s.latency().max());
        line(sb, "min_latency", s.latency().min());
        line(sb, "packets_received", s.packetsReceived());
        line(sb, "packets_sent", s.packetsSent());
        line(sb, "num_alive_connections", view.connections().size());
        line(sb, "outstanding_requests", s.outstandingRequests());
        line(sb, "znode_count", view.nodeCount());
        line(sb, "watch_count", total(view.watchesBySession()));
        line(sb, "ephemerals_count", total(view.ephemeralsBySession()));
        line(sb, "approximate_data_size", view.approximateDataSize());
        view.openFileDescriptorCount().ifPresent(n -> line(sb, "open_file_descriptor_count", n));
        view.maxFileDescriptorCount().ifPresent(n -> line(sb, "max_file_descriptor_count", n));
        line(sb, "uptime", view.uptimeMillis());
        line(sb, "global_sessions", view.globalSessionCount());
        line(sb, "local_sessions", view.localSessionCount());
        view.leaderStats().ifPresent(ls -> {
            line(sb, "learners", ls.learners());
            line(sb, "synced_followers", ls.syncedFollowers());
            line(sb, "synced_non_voting_followers", ls.syncedNonVotingFollowers());
            line(sb, "synced_observers", ls.syncedObservers());
            line(sb, "pending_syncs", ls.pendingSyncs());
            line(sb, "last_proposal_size", ls.lastProposalSize());
            line(sb, "max_proposal_size", ls.maxProposalSize());
            line(sb, "min_proposal_size", ls.minProposalSize());
        });
        return sb.toString();
    }

    private static long total(Map<Long, Set<String>> bySession) {
        return bySession.values().stream().mapToLong(Set::size).sum();
    }

    private static void line(StringBuilder sb, String key, Object value) {
        sb.append("zk_").append(key).append('\t').append(value).append('\n');
    }
}
