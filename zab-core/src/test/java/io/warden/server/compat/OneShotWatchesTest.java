package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One-shot data, exists and child watches. "No further event" is proven without sleeping: a marker
 * watch is triggered afterwards, and events on one connection arrive in order, so the marker must be
 * the very next event.
 */
class OneShotWatchesTest extends CompatTestBase {

    static String describe(WatchedEvent e) {
        return e.getType() + " " + e.getPath();
    }

    /** Arms an exists watch on a fresh marker path and creates it, so its NodeCreated comes next. */
    private static void fireMarker(ZooKeeper watcherClient, ZooKeeper writer, Events events, String marker)
            throws Exception {
        assertNull(watcherClient.exists(marker, events));
        writer.create(marker, null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }

    @Test
    void dataWatchFiresNodeDataChangedOnceThenIsGone() throws Exception {
        Events events = new Events();
        ZooKeeper watcher = connect(events);
        ZooKeeper writer = connect();
        writer.create("/d", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        watcher.getData("/d", true, null);
        writer.setData("/d", new byte[]{1}, -1);
        WatchedEvent e = events.expect(EventType.NodeDataChanged, "/d");
        assertEquals(KeeperState.SyncConnected, e.getState());

        writer.setData("/d", new byte[]{2}, -1);
        fireMarker(watcher, writer, events, "/marker");
        assertEquals(List.of(), events.takeUntilMarker("/marker"), "the data watch is one-shot");
    }

    @Test
    void existsWatchOnAMissingNodeFiresNodeCreated() throws Exception {
        Events events = new Events();
        ZooKeeper watcher = connect(events);
        ZooKeeper writer = connect();
        assertNull(watcher.exists("/later", true));
        writer.create("/later", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        events.expect(EventType.NodeCreated, "/later");
    }

    @Test
    void existsWatchOnAnExistingNodeFiresDataChangedAndDeleted() throws Exception {
        Events events = new Events();
        ZooKeeper watcher = connect(events);
        ZooKeeper writer = connect();
        writer.create("/x", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcher.exists("/x", true);
        writer.setData("/x", new byte[]{1}, -1);
        events.expect(EventType.NodeDataChanged, "/x");
        watcher.exists("/x", true);
        writer.delete("/x", -1);
        events.expect(EventType.NodeDeleted, "/x");
    }

    @Test
    void childWatchFiresNodeChildrenChangedForCreateAndDeleteButNotForChildData() throws Exception {
        Events events = new Events();
        ZooKeeper watcher = connect(events);
        ZooKeeper writer = connect();
        writer.create("/p", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        watcher.getChildren("/p", true);
        writer.create("/p/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        events.expect(EventType.NodeChildrenChanged, "/p");

        watcher.getChildren("/p", true, new Stat());
        writer.setData("/p/a", new byte[]{1}, -1);
        writer.setData("/p", new byte[]{1}, -1);
        writer.delete("/p/a", -1);
        events.expect(EventType.NodeChildrenChanged, "/p");
    }

    @Test
    void distinctWatcherObjectsEachGetTheEvent() throws Exception {
        ZooKeeper watcher = connect();
        ZooKeeper writer = connect();
        writer.create("/fan", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Events one = new Events();
        Events two = new Events();
        watcher.getData("/fan", one, null);
        watcher.exists("/fan", two);
        writer.setData("/fan", new byte[]{1}, -1);
        one.expect(EventType.NodeDataChanged, "/fan");
        two.expect(EventType.NodeDataChanged, "/fan");
    }

    @Test
    void creatingAndDeletingAChildFiresTheParentsChildWatchAndTheChildsExistsWatch() throws Exception {
        Events events = new Events();
        ZooKeeper watcher = connect(events);
        ZooKeeper writer = connect();
        writer.create("/par", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcher.getChildren("/par", true);
        watcher.exists("/par/kid", true);
        writer.create("/par/kid", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        Set<String> got = Set.of(describe(events.next()), describe(events.next()));
        assertEquals(Set.of("NodeCreated /par/kid", "NodeChildrenChanged /par"), got);
        watcher.getChildren("/par", true);
        watcher.exists("/par/kid", true);
        writer.delete("/par/kid", -1);
        got = Set.of(describe(events.next()), describe(events.next()));
        assertEquals(Set.of("NodeDeleted /par/kid", "NodeChildrenChanged /par"), got);
    }
}
