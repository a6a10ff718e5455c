package io.warden.znode.persist;

import java.nio.file.Path;

/**
 * One log file as the log knows it. {@code durableEnd} and {@code lastZxid} describe only what has
 * been forced to disk; they are written by the log's owner thread and read by readers on any thread.
 */
final class Segment {
    final Path path;
    final long baseZxid;
    volatile long durableEnd;
    /** Last durable zxid in this segment, or 0 when it holds none yet. */
    volatile long lastZxid;

    Segment(Path path, long baseZxid, long durableEnd, long lastZxid) {
        this.path = path;
        this.baseZxid = baseZxid;
        this.durableEnd = durableEnd;
        this.lastZxid = lastZxid;
    }

    @Override
    public String toString() {
        return path.getFileName() + "[end=" + durableEnd + ", last=" + LogFormat.hex(lastZxid) + "]";
    }
}
