package io.warden.znode.persist;

import java.util.Objects;

/**
 * One transaction-log entry: a zxid and the opaque bytes stored with it.
 * The payload array is not copied; callers must not mutate it after handing it over.
 */
public record LogEntry(long zxid, byte[] payload) {
    public LogEntry {
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "LogEntry[zxid=0x" + Long.toHexString(zxid) + ", " + payload.length + " bytes]";
    }
}
