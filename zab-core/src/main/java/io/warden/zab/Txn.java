package io.warden.zab;

import java.util.Arrays;

/** One replicated transaction: its zxid and the application's opaque payload. */
public record Txn(long zxid, byte[] payload) {
    public Txn {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Txn t && t.zxid == zxid && Arrays.equals(t.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(zxid) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Txn[" + Zxid.toString(zxid) + ", " + payload.length + "B]";
    }
}
