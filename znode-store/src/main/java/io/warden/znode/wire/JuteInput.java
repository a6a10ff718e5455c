package io.warden.znode.wire;

import io.warden.znode.ACL;

import java.util.List;

/**
 * The jute primitives a snapshot is made of, from an array ({@link JuteReader}) or a stream
 * ({@link JuteStreamReader}). Malformed input throws {@link WireFormatException}.
 */
public interface JuteInput {
    int readInt();

    long readLong();

    /** Null for jute's -1 length. */
    String readString();

    /** Null for jute's -1 length. */
    byte[] readBuffer();

    /** Null for jute's -1 length. */
    List<ACL> readAclList();
}
