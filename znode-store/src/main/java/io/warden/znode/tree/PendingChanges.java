package io.warden.znode.tree;

import io.warden.znode.txn.Txn;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effect of writes that were prepared but not yet applied (in flight through the log and the
 * quorum), so that a later prepare validates against the state its txn will meet: sequential
 * names, versions, existence. Entries leave in prepare order, as their txns are applied.
 */
final class PendingChanges {
    /** One path's pending state; {@code view} null means "deleted". */
    record Change(String path, NodeView view) {}

    private record Batch(Txn txn, List<Change> changes, long closingSession) {}

    private final ArrayDeque<Batch> fifo = new ArrayDeque<>();
    private final HashMap<String, Change> byPath = new HashMap<>();
    private final Set<Long> closing = new HashSet<>();

    /** The latest pending change of path, or null when no prepared txn touches it. */
    Change get(String path) {
        return byPath.isEmpty() ? null : byPath.get(path);
    }

    boolean isClosing(long sessionId) {
        return !closing.isEmpty() && closing.contains(sessionId);
    }

    Map<String, Change> all() {
        return byPath;
    }

    void push(Txn txn, List<Change> changes, long closingSession) {
        fifo.addLast(new Batch(txn, changes, closingSession));
        for (Change c : changes) {
            byPath.put(c.path(), c);
        }
        if (closingSession != 0) {
            closing.add(closingSession);
        }
    }

    /**
     * Called as each txn is applied. The applied txn must be the oldest prepared one (same
     * instance); anything else means the pipeline was reset, and all pending state is dropped.
     */
    void onApplied(Txn txn) {
        Batch head = fifo.peekFirst();
        if (head == null) {
            return;
        }
        if (head.txn() != txn) {
            clear();
            return;
        }
        fifo.removeFirst();
        for (Change c : head.changes()) {
            if (byPath.get(c.path()) == c) {
                byPath.remove(c.path());
            }
        }
        if (head.closingSession() != 0) {
            closing.remove(head.closingSession());
        }
    }

    void clear() {
        fifo.clear();
        byPath.clear();
        closing.clear();
    }

    int size() {
        return fifo.size();
    }
}
