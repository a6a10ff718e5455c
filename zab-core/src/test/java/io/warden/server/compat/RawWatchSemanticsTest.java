package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Watch semantics on the wire, where the official client would hide them: which watches the server
 * arms, removes and deduplicates, notification zxids, and the events SetWatches synthesizes.
 */
class RawWatchSemanticsTest extends CompatTestBase {
    private static final int NONODE = -101;
    private static final int NOWATCHER = -121;
    private static final int OP_EXISTS = 3;
    private static final int OP_GET_DATA = 4;
    private static final int OP_GET_CHILDREN = 8;
    private static final int OP_CHECK_WATCHES = 17;
    private static final int OP_REMOVE_WATCHES = 18;
    private static final int OP_SET_WATCHES = 101;
    private static final int OP_SET_WATCHES2 = 105;
    private static final int OP_ADD_WATCH = 106;
    private static final int WATCHER_DATA = 2;
    private static final int WATCHER_ANY = 3;

    private int xid;

    private RawZkSocket session() throws Exception {
        RawZkSocket raw = RawZkSocket.open(server.port());
        raw.newSession(4000);
        return raw;
    }

    /** Arms an exists watch on a missing marker, creates it and returns the next notification's description. */
    private String nextAfterMarker(RawZkSocket raw, ZooKeeper writer, String marker) throws Exception {
        assertEquals(NONODE, raw.request(++xid, OP_EXISTS, new ExistsRequest(marker, true)).getErr());
        writer.create(marker, null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        return raw.nextNotification().describe();
    }

    @Test
    void getDataAndGetChildrenOnAMissingNodeArmNoWatch() throws Exception {
        ZooKeeper writer = connect();
        try (RawZkSocket raw = session()) {
            assertEquals(NONODE, raw.request(++xid, OP_GET_DATA, new GetDataRequest("/ghost", true)).getErr());
            assertEquals(NONODE, raw.request(++xid, OP_GET_CHILDREN, new GetChildrenRequest("/ghost", true)).getErr());
            writer.create("/ghost", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.create("/ghost/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertEquals("NodeCreated /marker", nextAfterMarker(raw, writer, "/marker"));
        }
    }

    @Test
    void deletingANodeWatchedForDataAndChildrenSendsOneNodeDeletedPerConnection() throws Exception {
        ZooKeeper writer = connect();
        writer.create("/both", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        try (RawZkSocket raw = session()) {
            assertEquals(0, raw.request(++xid, OP_GET_DATA, new GetDataRequest("/both", true)).getErr());
            assertEquals(0, raw.request(++xid, OP_EXISTS, new ExistsRequest("/both", true)).getErr());
            assertEquals(0, raw.request(++xid, OP_GET_CHILDREN, new GetChildrenRequest("/both", true)).getErr());
            writer.delete("/both", -1);
            assertEquals("NodeDeleted /both", raw.nextNotification().describe());
            assertEquals("NodeCreated /marker", nextAfterMarker(raw, writer, "/marker"));
        }
    }

    @Test
    void twoDataWatchesOnOneConnectionYieldOneEventCarryingTheTxnZxid() throws Exception {
        ZooKeeper writer = connect();
        writer.create("/dup", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        try (RawZkSocket raw = session()) {
            raw.request(++xid, OP_GET_DATA, new GetDataRequest("/dup", true));
            raw.request(++xid, OP_EXISTS, new ExistsRequest("/dup", true));
            Stat changed = writer.setData("/dup", new byte[]{1}, -1);
            RawZkSocket.Notification n = raw.nextNotification();
            assertEquals("NodeDataChanged /dup", n.describe());
            assertEquals(3, n.state(), "SyncConnected");
            assertEquals(changed.getMzxid(), n.zxid(), "3.9 servers put the txn's zxid on the notification");
            assertEquals("NodeCreated /marker", nextAfterMarker(raw, writer, "/marker"));
        }
    }

    @Test
    void removeWatchesRemovesTheServerSideWatchAndReportsNoWatcherAfterwards() throws Exception {
        ZooKeeper writer = connect();
        writer.create("/rm", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        try (RawZkSocket raw = session()) {
            raw.request(++xid, OP_GET_DATA, new GetDataRequest("/rm", true));
            raw.request(++xid, OP_GET_CHILDREN, new GetChildrenRequest("/rm", true));
            assertEquals(0, raw.request(++xid, OP_REMOVE_WATCHES, new RemoveWatchesRequest("/rm", WATCHER_ANY)).getErr());
            assertEquals(NOWATCHER,
                    raw.request(++xid, OP_REMOVE_WATCHES, new RemoveWatchesRequest("/rm", WATCHER_ANY)).getErr());
            writer.setData("/rm", new byte[]{1}, -1);
            writer.create("/rm/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertEquals("NodeCreated /marker", nextAfterMarker(raw, writer, "/marker"));
        }
    }

    @Test
    void checkWatchesConfirmsAWatchWithoutRemovingIt() throws Exception {
        ZooKeeper writer = connect();
        writer.create("/chk", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        try (RawZkSocket raw = session()) {
            assertEquals(NOWATCHER, raw.request(++xid, OP_CHECK_WATCHES, new CheckWatchesRequest("/chk", WATCHER_DATA)).getErr());
            raw.request(++xid, OP_GET_DATA, new GetDataRequest("/chk", true));
            assertEquals(0, raw.request(++xid, OP_CHECK_WATCHES, new CheckWatchesRequest("/chk", WATCHER_DATA)).getErr());
            writer.setData("/chk", new byte[]{1}, -1);
            assertEquals("NodeDataChanged /chk", raw.nextNotification().describe());
        }
    }

    @Test
    void addWatchRepliesWithAFourByteErrorResponseBody() throws Exception {
        try (RawZkSocket raw = session()) {
            ReplyHeader h = raw.request(++xid, OP_ADD_WATCH, new AddWatchRequest("/anything", 1));
            assertEquals(0, h.getErr());
            assertEquals(4, raw.lastBody().length);
            assertEquals(0, raw.lastBodyAs(new ErrorResponse()).getErr());
        }
    }

    @Test
    void setWatchesSynthesizesMissedEventsWithZxidMinusOneBeforeItsReplyAndReArmsTheRest() throws Exception {
        ZooKeeper writer = connect();
        writer.create("/changed", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/kids", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/quiet", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        long relative = writer.exists("/quiet", false).getMzxid();
        writer.setData("/changed", new byte[]{1}, -1);
        writer.create("/kids/k", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.create("/born", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        try (RawZkSocket raw = session()) {
            int setWatchesXid = ++xid;
            ReplyHeader reply = raw.request(setWatchesXid, OP_SET_WATCHES, new SetWatches(relative,
                    List.of("/changed", "/deleted", "/quiet"), List.of("/born", "/unborn"), List.of("/kids", "/gone-kids")));
            assertEquals(0, reply.getErr());
            assertEquals(setWatchesXid, reply.getXid());
            List<RawZkSocket.Notification> before = raw.takeReceivedNotifications();
            assertEquals(Set.of("NodeDataChanged /changed", "NodeDeleted /deleted", "NodeCreated /born",
                            "NodeChildrenChanged /kids", "NodeDeleted /gone-kids"),
                    before.stream().map(RawZkSocket.Notification::describe).collect(Collectors.toSet()),
                    "synthesized events arrive before the SetWatches reply");
            assertEquals(5, before.size());
            before.forEach(n -> assertEquals(-1, n.zxid(), "synthesized events carry zxid -1: " + n));

            // the quiet data watch and the unborn exists watch are armed
            writer.setData("/quiet", new byte[]{1}, -1);
            assertEquals("NodeDataChanged /quiet", raw.nextNotification().describe());
            writer.create("/unborn", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertEquals("NodeCreated /unborn", raw.nextNotification().describe());
        }
    }

    @Test
    void setWatches2ReArmsPersistentWatchesWithoutCatchUpEvents() throws Exception {
        ZooKeeper writer = connect();
        writer.create("/p", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        writer.setData("/p", new byte[]{1}, -1); // changed after relativeZxid 1, but persistent watches get no catch-up
        try (RawZkSocket raw = session()) {
            ReplyHeader reply = raw.request(++xid, OP_SET_WATCHES2, new SetWatches2(1,
                    List.of(), List.of(), List.of(), List.of("/p"), List.of("/r")));
            assertEquals(0, reply.getErr());
            assertEquals(List.of(), raw.takeReceivedNotifications());
            writer.create("/r", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.create("/r/x", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.create("/p/x", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.setData("/p", new byte[]{2}, -1);
            assertEquals("NodeCreated /r", raw.nextNotification().describe());
            assertEquals("NodeCreated /r/x", raw.nextNotification().describe());
            assertEquals("NodeChildrenChanged /p", raw.nextNotification().describe());
            assertEquals("NodeDataChanged /p", raw.nextNotification().describe());
        }
    }
}
