package io.warden.zab;

import java.util.Arrays;

/**
 * An application snapshot: opaque bytes holding exactly the state after applying every committed
 * transaction up to and including {@code zxid} (never uncommitted state: ZOOKEEPER-1549).
 */
public record Snapshot(long zxid, byte[] data) {
    public Snapshot {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.zxid == zxid && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(zxid) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Snapshot[" + Zxid.toString(zxid) + ", " + data.length + "B]";
    }
}
