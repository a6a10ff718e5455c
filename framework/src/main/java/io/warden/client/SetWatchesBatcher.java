package io.warden.client;

import io.warden.znode.wire.Requests.SetWatchesRequest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Splits the armed watches into setWatches (101) / setWatches2 (105) requests of at most
 * {@link #MAX_BATCH_CHARS} path characters each, as the official client does, so that no frame
 * comes near jute.maxbuffer however many watches a session holds.
 */
public final class SetWatchesBatcher {
    private SetWatchesBatcher() {}

    public static final int MAX_BATCH_CHARS = 128 * 1024;

    /**
     * @param paths      client paths per table
     * @param lastZxid   the highest zxid the session has seen
     * @param toServer   adds the chroot
     */
    public static List<SetWatchesRequest> batches(Map<WatchKind, List<String>> paths, long lastZxid,
                                                  UnaryOperator<String> toServer) {
        List<SetWatchesRequest> out = new ArrayList<>();
        Map<WatchKind, List<String>> cur = fresh();
        int chars = 0;
        for (WatchKind kind : WatchKind.values()) {
            for (String p : paths.getOrDefault(kind, List.of())) {
                String sp = toServer.apply(p);
                if (chars > 0 && chars + sp.length() > MAX_BATCH_CHARS) {
                    out.add(toRequest(cur, lastZxid));
                    cur = fresh();
                    chars = 0;
                }
                cur.get(kind).add(sp);
                chars += sp.length();
            }
        }
        if (chars > 0) {
            out.add(toRequest(cur, lastZxid));
        }
        return out;
    }

    private static Map<WatchKind, List<String>> fresh() {
        Map<WatchKind, List<String>> m = new EnumMap<>(WatchKind.class);
        for (WatchKind k : WatchKind.values()) {
            m.put(k, new ArrayList<>());
        }
        return m;
    }

    private static SetWatchesRequest toRequest(Map<WatchKind, List<String>> m, long zxid) {
        boolean v2 = !m.get(WatchKind.PERSISTENT).isEmpty() || !m.get(WatchKind.PERSISTENT_RECURSIVE).isEmpty();
        return new SetWatchesRequest(zxid, m.get(WatchKind.DATA), m.get(WatchKind.EXIST), m.get(WatchKind.CHILD),
                m.get(WatchKind.PERSISTENT), m.get(WatchKind.PERSISTENT_RECURSIVE), v2);
    }
}
