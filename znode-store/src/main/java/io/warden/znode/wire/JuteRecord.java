package io.warden.znode.wire;

/** A record with a jute encoding: its fields in declaration order, no tags, no length. */
public interface JuteRecord {
    void write(JuteWriter out);
}
