package io.warden.znode;

import java.util.Objects;

/**
 * A watch notification or a connection-state change. {@code zxid} is the zxid of the transaction
 * that fired it, or -1 when unknown (synthesized events, servers older than 3.9).
 */
public final class WatchedEvent {
    private final Watcher.Event.EventType type;
    private final Watcher.Event.KeeperState state;
    private final String path;
    private final long zxid;

    public WatchedEvent(Watcher.Event.EventType type, Watcher.Event.KeeperState state, String path, long zxid) {
        this.type = Objects.requireNonNull(type, "type");
        this.state = Objects.requireNonNull(state, "state");
        this.path = path;
        this.zxid = zxid;
    }

    public WatchedEvent(Watcher.Event.EventType type, Watcher.Event.KeeperState state, String path) {
        this(type, state, path, -1L);
    }

    public Watcher.Event.EventType getType() { return type; }
    public Watcher.Event.KeeperState getState() { return state; }
    public String getPath() { return path; }
    public long getZxid() { return zxid; }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchedEvent e && e.type == type && e.state == state
                && Objects.equals(e.path, path) && e.zxid == zxid;
    }

    @Override
    public int hashCode() { return Objects.hash(type, state, path, zxid); }

    @Override
    public String toString() {
        return "WatchedEvent state:" + state + " type:" + type + " path:" + path + " zxid: " + zxid;
    }
}
