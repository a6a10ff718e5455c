package io.warden.server.ensemble;

import io.warden.server.session.SessionTracker;
import io.warden.znode.txn.CloseSessionTxn;
import io.warden.znode.txn.CreateSessionTxn;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Session expiry, which only the established leader runs: sessions are tracked from the replicated
 * session table (all touched "now" when leadership starts), touched by local traffic and by the
 * learners' relayed {@code Touches}, added and removed as createSession/closeSession txns apply.
 * Expired ids go back to the caller, who proposes their closeSession txns. Pipeline thread only.
 */
final class LeaderSessions {
    private final long tickMs;
    private final LongSupplier clock;
    private SessionTracker tracker;

    LeaderSessions(long tickMs, LongSupplier clock) {
        this.tickMs = tickMs;
        this.clock = clock;
    }

    void start(Map<Long, Integer> sessions) {
        tracker = new SessionTracker(tickMs);
        long now = clock.getAsLong();
        sessions.forEach((id, timeout) -> tracker.add(id, timeout, now));
    }

    void stop() {
        tracker = null;
    }

    boolean active() {
        return tracker != null;
    }

    void touch(long sessionId) {
        if (tracker != null) {
            tracker.touch(sessionId, clock.getAsLong());
        }
    }

    void applied(long sessionId, io.warden.znode.txn.Txn txn) {
        if (tracker == null) {
            return;
        }
        if (txn instanceof CreateSessionTxn c) {
            tracker.add(sessionId, c.timeoutMs(), clock.getAsLong());
        } else if (txn instanceof CloseSessionTxn) {
            tracker.remove(sessionId);
        }
    }

    List<Long> expire() {
        return tracker == null ? List.of() : tracker.expire(clock.getAsLong());
    }

    int size() {
        return tracker == null ? 0 : tracker.size();
    }

    Map<Long, java.util.Set<Long>> buckets() {
        return tracker == null ? Map.of() : tracker.bucketsView();
    }
}
