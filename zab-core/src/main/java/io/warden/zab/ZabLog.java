package io.warden.zab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The in-memory view of a peer's logged history: everything after {@link #baseZxid()} (the snapshot
 * point). Appends assert zxid contiguity (ZOOKEEPER-4925). Not thread-safe.
 */
public final class ZabLog {
    private long baseZxid;
    private final ArrayList<Txn> entries = new ArrayList<>();

    public ZabLog(long baseZxid, List<Txn> initial) {
        this.baseZxid = baseZxid;
        initial.forEach(this::append);
    }

    public long baseZxid() {
        return baseZxid;
    }

    public long lastZxid() {
        return entries.isEmpty() ? baseZxid : entries.get(entries.size() - 1).zxid();
    }

    public int size() {
        return entries.size();
    }

    public void append(Txn txn) {
        if (!Zxid.follows(lastZxid(), txn.zxid())) {
            throw new IllegalStateException("discontinuous history: " + Zxid.toString(txn.zxid())
                    + " cannot follow " + Zxid.toString(lastZxid()));
        }
        entries.add(txn);
    }

    /** True if {@code zxid} is a point of this history: the base or a logged entry. */
    public boolean contains(long zxid) {
        return zxid == baseZxid || indexOf(zxid) >= 0;
    }

    /** The entry with this zxid, or null. */
    public Txn get(long zxid) {
        int i = indexOf(zxid);
        return i < 0 ? null : entries.get(i);
    }

    /** The largest history point not above {@code zxid}, or -1 if {@code zxid} is below the base. */
    public long floor(long zxid) {
        if (zxid < baseZxid) {
            return -1;
        }
        int i = search(zxid);
        if (i >= 0) {
            return zxid;
        }
        int insertion = -i - 1;
        return insertion == 0 ? baseZxid : entries.get(insertion - 1).zxid();
    }

    /** Entries strictly after {@code zxid}, which must be a point of this history. */
    public List<Txn> after(long zxid) {
        if (!contains(zxid)) {
            throw new IllegalArgumentException(Zxid.toString(zxid) + " is not in this history");
        }
        int from = zxid == baseZxid ? 0 : indexOf(zxid) + 1;
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /** Entries in (from, to]; {@code from} must be a point of this history. */
    public List<Txn> range(long from, long to) {
        List<Txn> result = new ArrayList<>();
        int start = from == baseZxid ? 0 : indexOf(from) + 1;
        if (start <= 0 && from != baseZxid) {
            throw new IllegalArgumentException(Zxid.toString(from) + " is not in this history");
        }
        for (int i = start; i < entries.size() && entries.get(i).zxid() <= to; i++) {
            result.add(entries.get(i));
        }
        return result;
    }

    /** Drops entries after {@code zxid}, which must be a point of this history. */
    public void truncateAfter(long zxid) {
        if (!contains(zxid)) {
            throw new IllegalArgumentException("cannot truncate to " + Zxid.toString(zxid) + ": not in history");
        }
        int keep = zxid == baseZxid ? 0 : indexOf(zxid) + 1;
        entries.subList(keep, entries.size()).clear();
    }

    /** Replaces everything by a snapshot point. */
    public void resetTo(long snapshotZxid) {
        entries.clear();
        baseZxid = snapshotZxid;
    }

    /** Forgets entries up to {@code zxid} (now covered by a durable snapshot). */
    public void compact(long zxid) {
        if (zxid <= baseZxid) {
            return;
        }
        if (!contains(zxid)) {
            throw new IllegalArgumentException("cannot compact to " + Zxid.toString(zxid) + ": not in history");
        }
        entries.subList(0, indexOf(zxid) + 1).clear();
        baseZxid = zxid;
    }

    /** Read-only view of the entries, for checkers and drivers. */
    public List<Txn> entries() {
        return Collections.unmodifiableList(entries);
    }

    private int indexOf(long zxid) {
        int i = search(zxid);
        return i < 0 ? -1 : i;
    }

    /**
     * Binary search over the entries' zxids (ascending): the index, or -(insertion point) - 1. Runs
     * on every ACK and COMMIT, over a log of up to snapCount entries, so it must stay O(log n).
     */
    private int search(long zxid) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long z = entries.get(mid).zxid();
            if (z < zxid) {
                lo = mid + 1;
            } else if (z > zxid) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
