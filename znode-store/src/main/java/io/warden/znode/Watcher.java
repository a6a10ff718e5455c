package io.warden.znode;

/**
 * Receives watch notifications and connection-state changes. Implementations are called on the
 * client's event thread, never on an I/O thread, one event at a time in the order the server sent them.
 */
@FunctionalInterface
public interface Watcher {

    void process(WatchedEvent event);

    /** Event enums, with their wire values. */
    interface Event {
        enum EventType {
            None(-1),
            NodeCreated(1),
            NodeDeleted(2),
            NodeDataChanged(3),
            NodeChildrenChanged(4),
            DataWatchRemoved(5),
            ChildWatchRemoved(6),
            PersistentWatchRemoved(7);

            private final int intValue;

            EventType(int intValue) { this.intValue = intValue; }

            public int getIntValue() { return intValue; }

            public static EventType fromInt(int v) {
                for (EventType t : values()) {
                    if (t.intValue == v) {
                        return t;
                    }
                }
                throw new IllegalArgumentException("unknown watch event type " + v);
            }
        }

        enum KeeperState {
            Unknown(-1),
            Disconnected(0),
            NoSyncConnected(1),
            SyncConnected(3),
            AuthFailed(4),
            ConnectedReadOnly(5),
            SaslAuthenticated(6),
            Expired(-112),
            Closed(7);

            private final int intValue;

            KeeperState(int intValue) { this.intValue = intValue; }

            public int getIntValue() { return intValue; }

            public static KeeperState fromInt(int v) {
                for (KeeperState s : values()) {
                    if (s.intValue == v) {
                        return s;
                    }
                }
                throw new IllegalArgumentException("unknown keeper state " + v);
            }
        }
    }

    /** The {@code type} field of checkWatches / removeWatches. */
    enum WatcherType {
        Children(1),
        Data(2),
        Any(3),
        Persistent(4),
        PersistentRecursive(5);

        private final int intValue;

        WatcherType(int intValue) { this.intValue = intValue; }

        public int getIntValue() { return intValue; }

        /** @return the type for a wire value, or null when unknown */
        public static WatcherType fromInt(int v) {
            for (WatcherType t : values()) {
                if (t.intValue == v) {
                    return t;
                }
            }
            return null;
        }
    }
}
