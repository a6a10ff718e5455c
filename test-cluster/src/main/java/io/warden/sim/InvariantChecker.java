package io.warden.sim;

import io.warden.zab.Txn;
import io.warden.zab.ZabLog;
import io.warden.zab.Zxid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the ZAB invariants (names from the ZooKeeper TLA+ specs) incrementally as a run goes. The
 * ground truth is the global committed sequence: the longest sequence any server ever applied.
 */
final class InvariantChecker {
    private record Committed(long zxid, int payloadHash, long digestAfter) {
    }

    /** The initial history an established leader fixed for its epoch. */
    private record EpochHistory(long leader, long base, Set<Long> zxids) {
    }

    private final List<Committed> committed = new ArrayList<>();
    private final Map<Long, Integer> proposed = new HashMap<>();
    private final Map<Integer, Long> committedPayloads = new HashMap<>();
    private final TreeMap<Long, EpochHistory> established = new TreeMap<>();
    private final Map<Long, long[]> epochs = new HashMap<>();

    int committedCount() {
        return committed.size();
    }

    long lastCommittedZxid() {
        return committed.isEmpty() ? Zxid.ZERO : committed.get(committed.size() - 1).zxid;
    }

    /** Integrity: a zxid names one proposal only (implies one leader per epoch proposing). */
    void onProposed(long leader, Txn txn) {
        Integer previous = proposed.putIfAbsent(txn.zxid(), Arrays.hashCode(txn.payload()));
        if (previous != null) {
            fail("two proposals share zxid " + Zxid.toString(txn.zxid()) + " (second by " + leader + ")");
        }
    }

    /** Prefix consistency, total order, integrity, and deposed proposals staying dead. */
    void onApply(long node, long position, Txn txn, long digestAfter) {
        int payloadHash = Arrays.hashCode(txn.payload());
        int index = (int) (position - 1);
        if (index < committed.size()) {
            Committed c = committed.get(index);
            if (c.zxid != txn.zxid() || c.payloadHash != payloadHash || c.digestAfter != digestAfter) {
                fail("node " + node + " applied " + Zxid.toString(txn.zxid()) + " at position " + position
                        + " where the committed history has " + Zxid.toString(c.zxid));
            }
            return;
        }
        if (index != committed.size()) {
            fail("node " + node + " applied position " + position + " beyond committed " + committed.size());
        }
        long last = lastCommittedZxid();
        if (txn.zxid() <= last) {
            fail("committed order broken: " + Zxid.toString(txn.zxid()) + " after " + Zxid.toString(last));
        }
        Integer p = proposed.get(txn.zxid());
        if (p == null || p != payloadHash) {
            fail("committed " + Zxid.toString(txn.zxid()) + " was never proposed with that payload");
        }
        Long dup = committedPayloads.putIfAbsent(payloadHash, txn.zxid());
        if (dup != null) {
            fail("payload committed twice: " + Zxid.toString(dup) + " and " + Zxid.toString(txn.zxid()));
        }
        for (EpochHistory h : established.tailMap(Zxid.epoch(txn.zxid()), false).values()) {
            if (txn.zxid() > h.base && !h.zxids.contains(txn.zxid())) {
                fail("deposed proposal " + Zxid.toString(txn.zxid()) + " committed although leader "
                        + h.leader + " established a later epoch without it");
            }
        }
        committed.add(new Committed(txn.zxid(), payloadHash, digestAfter));
    }

    /** A restored snapshot must be a point of the committed history. */
    void onRestore(long node, long zxid, long count, long digest) {
        if (count == 0) {
            return;
        }
        if (count > committed.size()) {
            fail("node " + node + " restored " + count + " txns but only " + committed.size() + " committed");
        }
        Committed c = committed.get((int) count - 1);
        if (c.zxid != zxid || c.digestAfter != digest) {
            fail("node " + node + " restored a snapshot at " + Zxid.toString(zxid) + " not matching history");
        }
    }

    /** Leadership: one established leader per epoch; leaderLogCompleteness. */
    void onEstablished(long leader, long epoch, ZabLog log) {
        EpochHistory previous = established.get(epoch);
        if (previous != null && previous.leader != leader) {
            fail("two established leaders in epoch " + epoch + ": " + previous.leader + " and " + leader);
        }
        Set<Long> zxids = new HashSet<>();
        log.entries().forEach(t -> zxids.add(t.zxid()));
        for (Committed c : committed) {
            if (c.zxid > log.baseZxid() && !zxids.contains(c.zxid)) {
                fail("leader " + leader + " of epoch " + epoch + " lacks committed " + Zxid.toString(c.zxid));
            }
        }
        established.put(epoch, new EpochHistory(leader, log.baseZxid(), zxids));
    }

    /** Epochs never go back, across restarts too (they are durable); currentEpoch <= acceptedEpoch. */
    void onEpochs(long node, long accepted, long current) {
        long[] seen = epochs.computeIfAbsent(node, n -> new long[2]);
        if (accepted < seen[0] || current < seen[1]) {
            fail("node " + node + " epochs went back: accepted " + seen[0] + "->" + accepted + ", current "
                    + seen[1] + "->" + current);
        }
        if (current > accepted) {
            fail("node " + node + " currentEpoch " + current + " > acceptedEpoch " + accepted);
        }
        seen[0] = accepted;
        seen[1] = current;
    }

    private static void fail(String message) {
        throw new InvariantViolation(message);
    }
}
