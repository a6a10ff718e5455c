package io.warden.server.compat;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A watch event reaches the client before any reply that reveals the change. The official client runs
 * watchers and async callbacks on one event thread in arrival order, so their order is the wire order.
 */
class WatchBeforeReplyTest extends CompatTestBase {

    @Test
    void eventForAnotherSessionsWriteArrivesBeforeTheReadThatSeesIt() throws Exception {
        ZooKeeper reader = connect();
        ZooKeeper writer = connect();
        writer.create("/o", new byte[]{0}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<String> order = new CopyOnWriteArrayList<>();
        reader.getData("/o", event -> order.add("event " + event.getType()), null);

        writer.setData("/o", new byte[]{1}, -1);
        CountDownLatch done = new CountDownLatch(1);
        reader.getData("/o", false, (AsyncCallback.DataCallback) (rc, path, ctx, data, stat) -> {
            order.add("reply " + data[0]);
            done.countDown();
        }, null);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("event NodeDataChanged", "reply 1"), order);
    }

    @Test
    void eventForTheSessionsOwnWriteArrivesBeforeItsReply() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/own", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<String> order = new CopyOnWriteArrayList<>();
        zk.getData("/own", event -> order.add("data " + event.getType()), null);
        zk.getChildren("/own", event -> order.add("child " + event.getType()));
        CountDownLatch done = new CountDownLatch(2);
        zk.setData("/own", new byte[]{1}, -1, (rc, path, ctx, stat) -> {
            order.add("setData reply " + rc);
            done.countDown();
        }, null);
        zk.create("/own/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, path, ctx, name) -> {
            order.add("create reply " + rc);
            done.countDown();
        }, null);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("data NodeDataChanged", "setData reply 0", "child NodeChildrenChanged", "create reply 0"),
                order);
    }

    @Test
    void manyWritesFromAnotherSessionAlwaysNotifyBeforeTheReadReply() throws Exception {
        ZooKeeper reader = connect();
        ZooKeeper writer = connect();
        writer.create("/many", new byte[]{0}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (int i = 1; i <= 20; i++) {
            List<String> order = new CopyOnWriteArrayList<>();
            reader.exists("/many", event -> order.add("event"));
            writer.setData("/many", new byte[]{(byte) i}, -1);
            CountDownLatch done = new CountDownLatch(1);
            reader.getData("/many", false, (rc, path, ctx, data, stat) -> {
                order.add("reply " + data[0]);
                done.countDown();
            }, null);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("event", "reply " + i), order, "round " + i);
        }
    }
}
