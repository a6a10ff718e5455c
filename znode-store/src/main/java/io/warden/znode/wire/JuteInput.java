package io.warden.znode.wire;

import io.warden.znode.ACL;
import io.warden.znode.Id;

import java.util.ArrayList;
import java.util.List;

/**
 * The jute primitives a snapshot is made of, from an array ({@link JuteReader}) or a stream
 * ({@link JuteStreamReader}). Malformed input throws {@link WireFormatException}.
 */
public interface JuteInput {
    int readInt();

    default long readLong() {
        long hi = readInt() & 0xffffffffL;
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** A length prefix (-1 = null) checked against this reader's limits; {@code what} names it in errors. */
    int readLength(String what);

    /** Null for jute's -1 length. */
    String readString();

    /** Null for jute's -1 length. */
    byte[] readBuffer();

    default Id readId() {
        String scheme = readString();
        String id = readString();
        if (scheme == null || id == null) {
            throw new WireFormatException("Id with a null scheme or id");
        }
        return new Id(scheme, id);
    }

    /** Null for jute's -1 length. */
    default List<ACL> readAclList() {
        int n = readLength("vector");
        if (n == -1) {
            return null;
        }
        List<ACL> out = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            int perms = readInt();
            out.add(new ACL(perms, readId()));
        }
        return out;
    }
}
