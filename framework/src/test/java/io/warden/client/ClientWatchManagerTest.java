package io.warden.client;

import io.warden.znode.Watcher;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.WatcherType;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientWatchManagerTest {
    private final ClientWatchManager m = new ClientWatchManager();
    private final Watcher a = e -> { };
    private final Watcher b = e -> { };

    @Test
    void standardWatchesAreOneShotAndDeduplicated() {
        m.register(WatchKind.DATA, "/n", a);
        m.register(WatchKind.EXIST, "/n", a);
        m.register(WatchKind.DATA, "/n", b);
        assertEquals(Set.of(a, b), m.materialize(EventType.NodeDataChanged, "/n"));
        assertTrue(m.materialize(EventType.NodeDataChanged, "/n").isEmpty());
    }

    @Test
    void deleteReachesDataAndChildWatchersOnce() {
        m.register(WatchKind.DATA, "/n", a);
        m.register(WatchKind.CHILD, "/n", a);
        m.register(WatchKind.CHILD, "/n", b);
        assertEquals(Set.of(a, b), m.materialize(EventType.NodeDeleted, "/n"));
        assertTrue(m.isEmpty());
    }

    @Test
    void childChangeDoesNotReachDataWatchers() {
        m.register(WatchKind.DATA, "/n", a);
        m.register(WatchKind.CHILD, "/n", b);
        assertEquals(Set.of(b), m.materialize(EventType.NodeChildrenChanged, "/n"));
        assertEquals(Set.of(a), m.materialize(EventType.NodeDataChanged, "/n"));
    }

    @Test
    void persistentWatchesStayAndRecursiveOnesCoverDescendantsButNotChildEvents() {
        m.register(WatchKind.PERSISTENT, "/p", a);
        m.register(WatchKind.PERSISTENT_RECURSIVE, "/p", b);
        assertEquals(Set.of(a, b), m.materialize(EventType.NodeDataChanged, "/p"));
        assertEquals(Set.of(a), m.materialize(EventType.NodeChildrenChanged, "/p"));
        assertEquals(Set.of(b), m.materialize(EventType.NodeCreated, "/p/x/y"));
        assertEquals(Set.of(), m.materialize(EventType.NodeCreated, "/px"));
        assertEquals(Set.of(a, b), m.materialize(EventType.NodeDataChanged, "/p"), "still there");
    }

    @Test
    void removalByTypeAndWatcher() {
        m.register(WatchKind.DATA, "/n", a);
        m.register(WatchKind.CHILD, "/n", a);
        m.register(WatchKind.DATA, "/n", b);
        assertTrue(m.contains("/n", a, WatcherType.Children));
        assertEquals(Set.of(WatchKind.CHILD), m.remove("/n", a, WatcherType.Children).keySet());
        assertFalse(m.contains("/n", a, WatcherType.Children));
        assertTrue(m.contains("/n", a, WatcherType.Data));
        assertEquals(2, m.remove("/n", null, WatcherType.Any).get(WatchKind.DATA).size());
        assertTrue(m.isEmpty());
    }

    @Test
    void snapshotListsPathsPerTable() {
        m.register(WatchKind.EXIST, "/e", a);
        m.register(WatchKind.PERSISTENT_RECURSIVE, "/r", a);
        var snap = m.snapshotPaths();
        assertEquals(java.util.List.of("/e"), snap.get(WatchKind.EXIST));
        assertEquals(java.util.List.of("/r"), snap.get(WatchKind.PERSISTENT_RECURSIVE));
        m.clear();
        assertTrue(m.all().isEmpty());
    }
}
