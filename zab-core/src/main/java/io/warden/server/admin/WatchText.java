package io.warden.server.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** wchs, wchc, wchp and dump. Sessions and paths are sorted so the output is stable. */
final class WatchText {

    /** {@code java.util.Date#toString} layout, which ZooKeeper uses for expiry times; always UTC here. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US).withZone(ZoneId.of("UTC"));

    private WatchText() {
    }

    static String summary(Map<Long, Set<String>> bySession) {
        long sessions = bySession.values().stream().filter(s -> !s.isEmpty()).count();
        long total = bySession.values().stream().mapToLong(Set::size).sum();
        int paths = byPathMap(bySession).size();
        return sessions + " connections watching " + paths + " paths\nTotal watches:" + total + "\n";
    }

    static String bySession(Map<Long, Set<String>> bySession) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Long, Set<String>> e : new TreeMap<>(bySession).entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            sb.append("0x").append(Long.toHexString(e.getKey())).append('\n');
            for (String path : new TreeSet<>(e.getValue())) {
                sb.append('\t').append(path).append('\n');
            }
        }
        return sb.append('\n').toString();
    }

    static String byPath(Map<Long, Set<String>> bySession) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Set<Long>> e : byPathMap(bySession).entrySet()) {
            sb.append(e.getKey()).append('\n');
            for (long session : e.getValue()) {
                sb.append("\t0x").append(Long.toHexString(session)).append('\n');
            }
        }
        return sb.append('\n').toString();
    }

    private static TreeMap<String, Set<Long>> byPathMap(Map<Long, Set<String>> bySession) {
        TreeMap<String, Set<Long>> byPath = new TreeMap<>();
        bySession.forEach((session, paths) -> paths.forEach(
                path -> byPath.computeIfAbsent(path, p -> new TreeSet<>()).add(session)));
        return byPath;
    }

    static String dump(List<ExpiryBucket> buckets, Map<Long, Set<String>> ephemerals) {
        StringBuilder sb = new StringBuilder("SessionTracker dump:\n");
        List<ExpiryBucket> sorted = new ArrayList<>(buckets);
        sorted.sort(Comparator.comparingLong(ExpiryBucket::expiresAtMillis));
        int sessions = sorted.stream().mapToInt(b -> b.sessionIds().size()).sum();
        sb.append("Session Sets (").append(sorted.size()).append(")/(").append(sessions).append("):\n");
        for (ExpiryBucket b : sorted) {
            sb.append(b.sessionIds().size()).append(" expire at ")
                    .append(DATE.format(Instant.ofEpochMilli(b.expiresAtMillis()))).append(":\n");
            for (long session : new TreeSet<>(b.sessionIds())) {
                sb.append("\t0x").append(Long.toHexString(session)).append('\n');
            }
        }
        sb.append("ephemeral nodes dump:\n");
        sb.append("Sessions with Ephemerals (").append(ephemerals.size()).append("):\n");
        for (Map.Entry<Long, Set<String>> e : new TreeMap<>(ephemerals).entrySet()) {
            sb.append("0x").append(Long.toHexString(e.getKey())).append(":\n");
            for (String path : new TreeSet<>(e.getValue())) {
                sb.append('\t').append(path).append('\n');
            }
        }
        // ZooKeeper lists connections here only for its NIO factory; like its Netty factory, we do not.
        return sb.append("Connections dump:\n").toString();
    }
}
