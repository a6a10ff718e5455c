package io.warden.server.compat;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** addWatch PERSISTENT and PERSISTENT_RECURSIVE: never removed on firing; recursive never reports child changes. */
class PersistentWatchesTest extends CompatTestBase {

    private static List<String> describe(List<WatchedEvent> events) {
        return events.stream().map(OneShotWatchesTest::describe).toList();
    }

    @Test
    void persistentWatchReportsEveryChangeOfThatExactNodeAndItsChildList() throws Exception {
        ZooKeeper watcher = connect();
        ZooKeeper writer = connect();
        Events events = new Events();
        watcher.addWatch("/p", events, AddWatchMode.PERSISTENT);

        writer.create("/p", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData("/p", new byte[]{1}, -1);
        writer.setData("/p", new byte[]{2}, -1);
        writer.create("/p/c", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData("/p/c", new byte[]{1}, -1);       // not reported: not the watched node
        writer.create("/p/c/g", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT); // not reported: grandchild
        writer.delete("/p/c/g", -1);
        writer.delete("/p/c", -1);
        writer.delete("/p", -1);
        writer.create("/p", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData("/p", new byte[]{3}, -1);

        List<String> got = List.of(
                OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()),
                OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()),
                OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()),
                OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()));
        assertEquals(List.of(
                "NodeCreated /p", "NodeDataChanged /p", "NodeDataChanged /p", "NodeChildrenChanged /p",
                "NodeChildrenChanged /p", "NodeDeleted /p", "NodeCreated /p", "NodeDataChanged /p"), got);
    }

    @Test
    void persistentRecursiveWatchReportsCreatedChangedDeletedForTheWholeSubtreeButNeverChildrenChanged()
            throws Exception {
        ZooKeeper watcher = connect();
        ZooKeeper writer = connect();
        Events events = new Events();
        watcher.addWatch("/r", events, AddWatchMode.PERSISTENT_RECURSIVE);

        writer.create("/r", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/r/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/r/a/b", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        writer.setData("/r/a/b", new byte[]{1}, -1);
        writer.setData("/r/a/b", new byte[]{2}, -1);
        writer.delete("/r/a/b", -1);
        writer.create("/rx", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT); // sibling by prefix only: not reported
        writer.setData("/r", new byte[]{1}, -1);
        writer.create("/r/zz-marker", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertEquals(List.of(
                "NodeCreated /r", "NodeCreated /r/a", "NodeCreated /r/a/b", "NodeDataChanged /r/a/b",
                "NodeDataChanged /r/a/b", "NodeDeleted /r/a/b", "NodeDataChanged /r"),
                describe(events.takeUntilMarker("/r/zz-marker")));
    }

    @Test
    void persistentWatchesAndOneShotWatchesCoexist() throws Exception {
        ZooKeeper watcher = connect();
        ZooKeeper writer = connect();
        writer.create("/co", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Events persistent = new Events();
        Events oneShot = new Events();
        watcher.addWatch("/co", persistent, AddWatchMode.PERSISTENT_RECURSIVE);
        watcher.getData("/co", oneShot, null);
        writer.setData("/co", new byte[]{1}, -1);
        writer.setData("/co", new byte[]{2}, -1);
        persistent.expect(org.apache.zookeeper.Watcher.Event.EventType.NodeDataChanged, "/co");
        persistent.expect(org.apache.zookeeper.Watcher.Event.EventType.NodeDataChanged, "/co");
        oneShot.expect(org.apache.zookeeper.Watcher.Event.EventType.NodeDataChanged, "/co");
        // the one-shot watch is gone; a new one-shot on a marker proves nothing else was queued for it
        watcher.exists("/co-marker", oneShot);
        writer.create("/co-marker", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(List.of(), oneShot.takeUntilMarker("/co-marker"));
    }
}
