package io.warden.server.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Session expiry in tick buckets: a session touched at {@code now} with timeout {@code t} expires at
 * the first multiple of {@code tickMs} after {@code now + t}, so one bucket sweep per tick finds every
 * expired session. Pure: time is passed in. Not thread-safe; owned by the request pipeline's thread.
 */
public final class SessionTracker {
    private final long tickMs;
    private final Map<Long, Entry> sessions = new HashMap<>();
    private final TreeMap<Long, Set<Long>> buckets = new TreeMap<>();

    private static final class Entry {
        final int timeoutMs;
        long expiresAt;

        Entry(int timeoutMs) {
            this.timeoutMs = timeoutMs;
        }
    }

    public SessionTracker(long tickMs) {
        if (tickMs <= 0) {
            throw new IllegalArgumentException("tickMs must be > 0");
        }
        this.tickMs = tickMs;
    }

    /** Starts tracking a session (or re-tracks one recovered from disk) as touched now. */
    public void add(long sessionId, int timeoutMs, long nowMs) {
        sessions.computeIfAbsent(sessionId, id -> new Entry(timeoutMs));
        touch(sessionId, nowMs);
    }

    public boolean contains(long sessionId) {
        return sessions.containsKey(sessionId);
    }

    public int timeoutOf(long sessionId) {
        Entry e = sessions.get(sessionId);
        return e == null ? 0 : e.timeoutMs;
    }

    /** @return false when the session is unknown (already expired or closed) */
    public boolean touch(long sessionId, long nowMs) {
        Entry e = sessions.get(sessionId);
        if (e == null) {
            return false;
        }
        long deadline = roundUp(nowMs + e.timeoutMs);
        if (deadline == e.expiresAt) {
            return true;
        }
        unbucket(sessionId, e.expiresAt);
        e.expiresAt = deadline;
        buckets.computeIfAbsent(deadline, k -> new LinkedHashSet<>()).add(sessionId);
        return true;
    }

    public void remove(long sessionId) {
        Entry e = sessions.remove(sessionId);
        if (e != null) {
            unbucket(sessionId, e.expiresAt);
        }
    }

    /**
     * Removes and returns every session whose deadline is at or before {@code nowMs}. The caller turns
     * each into a closeSession transaction.
     */
    public List<Long> expire(long nowMs) {
        List<Long> expired = new ArrayList<>();
        Iterator<Map.Entry<Long, Set<Long>>> it = buckets.headMap(nowMs, true).entrySet().iterator();
        while (it.hasNext()) {
            Set<Long> ids = it.next().getValue();
            expired.addAll(ids);
            it.remove();
        }
        for (Long id : expired) {
            sessions.remove(id);
        }
        return expired;
    }

    /** Expiry bucket -> session ids, for the {@code dump} four-letter word. */
    public Map<Long, Set<Long>> bucketsView() {
        Map<Long, Set<Long>> copy = new TreeMap<>();
        buckets.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        return copy;
    }

    public int size() {
        return sessions.size();
    }

    private long roundUp(long t) {
        return (t / tickMs + 1) * tickMs;
    }

    private void unbucket(long sessionId, long deadline) {
        Set<Long> set = buckets.get(deadline);
        if (set != null) {
            set.remove(sessionId);
            if (set.isEmpty()) {
                buckets.remove(deadline);
            }
        }
    }
}
