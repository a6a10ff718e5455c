package io.warden.zab;

import java.util.List;

/**
 * What a peer recovered from its own disk at start-up: the two epoch files, the latest snapshot
 * and the logged history after it. Nothing here is assumed committed except the snapshot
 * (ZOOKEEPER-1154: log entries are never applied at start-up; sync decides which ones survive).
 */
public record PersistentState(long acceptedEpoch, long currentEpoch, Snapshot snapshot, List<Txn> log) {
    public PersistentState {
        log = List.copyOf(log);
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null (use empty())");
        }
        // ZOOKEEPER-2307: an impossible disk state is refused, never guessed around.
        if (currentEpoch > acceptedEpoch) {
            throw new IllegalStateException("currentEpoch " + currentEpoch + " > acceptedEpoch " + acceptedEpoch);
        }
        long last = log.isEmpty() ? snapshot.zxid() : log.get(log.size() - 1).zxid();
        if (Zxid.epoch(last) > acceptedEpoch) {
            throw new IllegalStateException("log holds epoch " + Zxid.epoch(last) + " beyond acceptedEpoch "
                    + acceptedEpoch);
        }
    }

    public static PersistentState empty(byte[] emptySnapshotData) {
        return new PersistentState(0, 0, new Snapshot(Zxid.ZERO, emptySnapshotData), List.of());
    }
}
