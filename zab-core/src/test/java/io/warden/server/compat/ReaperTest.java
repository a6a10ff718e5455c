package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reaper (every 100 ms here) deletes containers that had children and are empty again, and TTL
 * nodes that are childless and unmodified for their TTL, with the events of an ordinary delete.
 * "Kept" is proven by surviving while a later candidate is reaped.
 */
class ReaperTest extends CompatTestBase {
    private static final long TTL_MS = 400;

    @Override
    long reaperIntervalMs() {
        return 100;
    }

    /** Creates a used-then-emptied container and waits until the reaper has deleted it. */
    private static void reapOneUsedContainer(ZooKeeper zk, Events events, String path) throws Exception {
        zk.create(path, null, OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create(path + "/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.delete(path + "/kid", -1);
        zk.exists(path, events);
        events.expect(EventType.NodeDeleted, path);
    }

    @Test
    void emptiedContainersAreDeletedButNeverUsedOnesAndNonEmptyOnesAreKept() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/never-used", null, OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create("/busy", null, OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create("/busy/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Events rootChildren = new Events();
        zk.getChildren("/", rootChildren);

        Events events = new Events();
        reapOneUsedContainer(zk, events, "/used-1");
        rootChildren.expect(EventType.NodeChildrenChanged, "/");
        reapOneUsedContainer(zk, events, "/used-2");
        assertNotNull(zk.exists("/never-used", false), "a container that never had a child is kept");
        assertNotNull(zk.exists("/busy", false), "a container with a child is kept");
    }

    @Test
    void ttlNodesExpireOnlyWhenChildlessAndUnmodifiedForTheirTtl() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/with-kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), TTL_MS);
        zk.create("/with-kid/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String seq = zk.create("/short-", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL,
                new Stat(), TTL_MS);
        zk.create("/short", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), TTL_MS);
        long created = System.nanoTime(); // after both creates: measured lifetimes are lower bounds
        zk.create("/long", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 600_000);
        Events events = new Events();
        zk.exists("/short", events);
        zk.exists(seq, events);

        Set<String> gone = Set.of(OneShotWatchesTest.describe(events.next()), OneShotWatchesTest.describe(events.next()));
        long livedMs = Duration.ofNanos(System.nanoTime() - created).toMillis();
        assertEquals(Set.of("NodeDeleted /short", "NodeDeleted " + seq), gone);
        assertTrue(livedMs >= TTL_MS, "TTL node deleted after only " + livedMs + " ms");
        assertNotNull(zk.exists("/with-kid", false), "a TTL node with children is kept");
        assertNotNull(zk.exists("/long", false));
    }

    @Test
    void setDataRefreshesATtlNode() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/refreshed", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), TTL_MS);
        long lastWrite = System.nanoTime();
        long until = lastWrite + Duration.ofMillis(3 * TTL_MS).toNanos();
        while (System.nanoTime() < until) {
            // keep touching it well inside its TTL; setData would throw NoNode if it had been reaped
            if (System.nanoTime() - lastWrite > Duration.ofMillis(TTL_MS / 4).toNanos()) {
                zk.setData("/refreshed", new byte[]{1}, -1);
                lastWrite = System.nanoTime();
            }
            Poll.pause();
        }
        Events events = new Events();
        zk.exists("/refreshed", events);
        events.expect(EventType.NodeDeleted, "/refreshed");
    }
}
