package io.warden.server.compat;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** removeWatches (checkWatches, opcode 17) and removeAllWatches (opcode 18), including persistent watches. */
class RemoveWatchesTest extends CompatTestBase {
    // The official client drops events for watchers it no longer knows, so these tests prove the client
    // flow (replies, NOWATCHER handling); the server-side removal is checked in RawWatchSemanticsTest.

    @Test
    void removingADataWatchStopsItsEvents() throws Exception {
        ZooKeeper watcher = connect();
        ZooKeeper writer = connect();
        writer.create("/w", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Events events = new Events();
        watcher.getData("/w", events, null);
        watcher.removeWatches("/w", events, WatcherType.Data, false);
        events.expect(EventType.DataWatchRemoved, "/w");
        writer.setData("/w", new byte[]{1}, -1);
        watcher.exists("/w-marker", events);
        writer.create("/w-marker", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(List.of(), events.takeUntilMarker("/w-marker"));
    }

    @Test
    void removeAllWatchesClearsChildAndDataWatchesOnTheServer() throws Exception {
        ZooKeeper watcher = connect();
        ZooKeeper writer = connect();
        writer.create("/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Events events = new Events();
        watcher.getData("/a", events, null);
        watcher.getChildren("/a", events);
        watcher.removeAllWatches("/a", WatcherType.Any, false);
        List<String> removed = List.of(OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()));
        assertEquals(List.of("ChildWatchRemoved /a", "DataWatchRemoved /a"), removed.stream().sorted().toList());
        // nothing is left to remove (server-side removal itself is proven over a raw socket in RawWatchSemanticsTest)
        assertThrows(KeeperException.NoWatcherException.class,
                () -> watcher.removeAllWatches("/a", WatcherType.Any, false));
        writer.create("/a/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData("/a", new byte[]{1}, -1);
        watcher.exists("/a-marker", events);
        writer.create("/a-marker", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(List.of(), events.takeUntilMarker("/a-marker"));
    }

    @Test
    void removingAPersistentRecursiveWatchStopsItsEvents() throws Exception {
        ZooKeeper watcher = connect();
        ZooKeeper writer = connect();
        Events events = new Events();
        watcher.addWatch("/pr", events, AddWatchMode.PERSISTENT_RECURSIVE);
        writer.create("/pr", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        events.expect(EventType.NodeCreated, "/pr");
        watcher.removeWatches("/pr", events, WatcherType.PersistentRecursive, false);
        events.expect(EventType.PersistentWatchRemoved, "/pr");
        writer.create("/pr/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcher.exists("/pr-marker", events);
        writer.create("/pr-marker", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(List.of(), events.takeUntilMarker("/pr-marker"));
    }

    @Test
    void removingAWatchThatDoesNotExistGivesNoWatcher() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/none", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThrows(KeeperException.NoWatcherException.class,
                () -> zk.removeAllWatches("/none", WatcherType.Any, false));
        assertThrows(KeeperException.NoWatcherException.class,
                () -> zk.removeWatches("/none", new Events(), WatcherType.Data, false));
    }
}
