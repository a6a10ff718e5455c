package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.WatcherType;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Perms;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.acl.DigestAuth;
import io.warden.znode.watch.WatchDelivery;
import io.warden.znode.wire.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchTest {
    private StoreHarness h;
    private StoreHarness.Conn writer;
    private StoreHarness.Conn w;

    @BeforeEach
    void setUp() {
        h = new StoreHarness();
        writer = h.connect(0x1L);
        w = h.connect(0x2L);
    }

    private List<String> seen(StoreHarness.Conn conn) {
        return conn.events().stream().map(d -> d.event().getType() + " " + d.event().getPath()).toList();
    }

    private Reply addWatch(StoreHarness.Conn conn, String path, int mode) {
        return h.call(conn, OpCode.addWatch, new Requests.PathTypeRequest(path, mode));
    }

    @Test
    void existsOnMissingNodeArmsAWatchThatFiresOnCreateWithTheTxnZxid() {
        assertEquals(Code.NONODE.intValue(), h.exists(w, "/a", true).err());
        h.create(writer, "/a", null, 0);
        List<WatchDelivery> ev = w.events();
        assertEquals(1, ev.size());
        assertEquals(new WatchedEvent(EventType.NodeCreated, io.warden.znode.Watcher.Event.KeeperState.SyncConnected,
                "/a", h.zxid), ev.get(0).event());
        h.setData(writer, "/a", null, -1);
        assertEquals(1, w.events().size(), "one-shot watch is consumed");
    }

    @Test
    void getDataAndGetChildrenOnMissingNodeArmNothing() {
        assertEquals(Code.NONODE.intValue(), h.getData(w, "/a", true).err());
        assertEquals(Code.NONODE.intValue(), h.getChildren(w, "/a", true).err());
        h.create(writer, "/a", null, 0);
        h.create(writer, "/a/b", null, 0);
        assertTrue(w.events().isEmpty());
        assertEquals(0, h.store.watches().watchCount());
    }

    @Test
    void sameConnectionGetsOneEventPerTrigger() {
        h.create(writer, "/a", null, 0);
        h.getData(w, "/a", true);
        h.exists(w, "/a", true);
        h.getChildren(w, "/a", true);
        h.setData(writer, "/a", null, -1);
        assertEquals(List.of("NodeDataChanged /a"), seen(w));
        h.getData(w, "/a", true);
        h.delete(writer, "/a", -1);
        assertEquals(List.of("NodeDataChanged /a", "NodeDeleted /a"), seen(w));
        assertEquals(0, h.store.watches().watchCount());
    }

    @Test
    void createAndDeleteFireParentChildWatches() {
        h.create(writer, "/p", null, 0);
        h.getChildren(w, "/p", true);
        h.create(writer, "/p/c", null, 0);
        h.getChildren(w, "/p", true);
        h.delete(writer, "/p/c", -1);
        assertEquals(List.of("NodeChildrenChanged /p", "NodeChildrenChanged /p"), seen(w));
    }

    @Test
    void setAclFiresNothing() {
        h.create(writer, "/a", null, 0);
        h.getData(w, "/a", true);
        h.call(writer, OpCode.setACL, new Requests.SetACLRequest("/a", ZooDefs.Ids.OPEN_ACL_UNSAFE, -1));
        assertTrue(w.events().isEmpty());
    }

    @Test
    void persistentWatchSeesEveryEventOnItsPathAndStays() {
        assertEquals(0, ((io.warden.znode.wire.Responses.IntResponse) addWatch(w, "/a", 0).body()).value());
        h.create(writer, "/a", null, 0);
        h.setData(writer, "/a", null, -1);
        h.create(writer, "/a/b", null, 0);
        h.create(writer, "/a/b/c", null, 0);
        h.delete(writer, "/a/b/c", -1);
        h.delete(writer, "/a/b", -1);
        h.delete(writer, "/a", -1);
        h.create(writer, "/a", null, 0);
        assertEquals(List.of("NodeCreated /a", "NodeDataChanged /a", "NodeChildrenChanged /a",
                "NodeChildrenChanged /a", "NodeDeleted /a", "NodeCreated /a"), seen(w));
    }

    @Test
    void recursiveWatchSeesDescendantsButNeverChildrenChanged() {
        addWatch(w, "/w", 1);
        h.create(writer, "/w", null, 0);
        h.create(writer, "/w/child", null, 0);
        h.create(writer, "/w/child/g", null, 0);
        h.setData(writer, "/w/child/g", null, -1);
        h.delete(writer, "/w/child/g", -1);
        h.create(writer, "/other", null, 0);
        assertEquals(List.of("NodeCreated /w", "NodeCreated /w/child", "NodeCreated /w/child/g",
                "NodeDataChanged /w/child/g", "NodeDeleted /w/child/g"), seen(w));
    }

    @Test
    void recursiveWatchOnRootAndOneShotOnSameConnectionDeliverOnce() {
        addWatch(w, "/", 1);
        h.exists(w, "/x", true);
        h.create(writer, "/x", null, 0);
        assertEquals(List.of("NodeCreated /x"), seen(w));
    }

    @Test
    void eventsGoOnlyToConnectionsWithRead() {
        List<ACL> bobOnly = List.of(new ACL(Perms.ALL, DigestAuth.idFor("bob:pw")),
                new ACL(Perms.WRITE, ZooDefs.Ids.ANYONE_ID_UNSAFE));
        h.create(writer, "/s", null, bobOnly, 0);
        addWatch(w, "/", 1);
        StoreHarness.Conn bob = h.connect(0x3L, AuthInfo.forAddress("10.0.0.1").with(DigestAuth.idFor("bob:pw")));
        addWatch(bob, "/", 1);
        h.setData(writer, "/s", null, -1);
        assertTrue(w.events().isEmpty());
        assertEquals(List.of("NodeDataChanged /s"), seen(bob));
        assertEquals(Code.NOAUTH.intValue(), h.getData(w, "/s", true).err());
    }

    @Test
    void checkAndRemoveWatchesReportNoWatcher() {
        h.create(writer, "/a", null, 0);
        Requests.PathTypeRequest data = new Requests.PathTypeRequest("/a", WatcherType.Data.getIntValue());
        Requests.PathTypeRequest children = new Requests.PathTypeRequest("/a", WatcherType.Children.getIntValue());
        assertEquals(Code.NOWATCHER.intValue(), h.call(w, OpCode.checkWatches, data).err());
        h.getData(w, "/a", true);
        assertEquals(0, h.call(w, OpCode.checkWatches, data).err());
        assertEquals(Code.NOWATCHER.intValue(), h.call(w, OpCode.checkWatches, children).err());
        assertEquals(0, h.call(w, OpCode.removeWatches, data).err());
        assertEquals(Code.NOWATCHER.intValue(), h.call(w, OpCode.removeWatches, data).err());
        addWatch(w, "/a", 0);
        assertEquals(0, h.call(w, OpCode.removeWatches,
                new Requests.PathTypeRequest("/a", WatcherType.Any.getIntValue())).err());
        h.setData(writer, "/a", null, -1);
        assertTrue(w.events().isEmpty());
        addWatch(w, "/a", 1);
        assertEquals(0, h.call(w, OpCode.removeWatches,
                new Requests.PathTypeRequest("/a", WatcherType.PersistentRecursive.getIntValue())).err());
        assertEquals(0, h.store.watches().watchCount());
    }

    @Test
    void closedConnectionLosesAllWatches() {
        h.create(writer, "/a", null, 0);
        h.getData(w, "/a", true);
        h.getChildren(w, "/a", true);
        addWatch(w, "/", 1);
        assertEquals(3, h.store.watches().watchCount());
        assertEquals(1, h.store.watches().connectionCount());
        h.store.removeWatches(w);
        h.setData(writer, "/a", null, -1);
        assertTrue(w.events().isEmpty());
        assertEquals(0, h.store.watches().watchCount());
    }

    @Test
    void setWatchesSynthesizesMissedEventsAndRearmsTheRest() {
        h.create(writer, "/same", null, 0);
        h.create(writer, "/changed", null, 0);
        h.create(writer, "/kids", null, 0);
        h.create(writer, "/born", null, 0);
        long rel = h.zxid;
        h.setData(writer, "/changed", null, -1);
        h.create(writer, "/kids/k", null, 0);
        Requests.SetWatchesRequest req = new Requests.SetWatchesRequest(rel,
                List.of("/same", "/changed", "/gone"), List.of("/born", "/unborn"), List.of("/kids", "/same"),
                List.of("/p"), List.of("/r"), true);
        Prepared p = h.store.prepare(w.ctx(), OpCode.setWatches2, StoreHarness.body(req));
        assertEquals(Reply.OK, p.reply());
        List<String> events = p.catchUp().stream().map(e -> e.getType() + " " + e.getPath() + " " + e.getZxid()).toList();
        assertEquals(List.of("NodeDataChanged /changed -1", "NodeDeleted /gone -1", "NodeCreated /born -1",
                "NodeChildrenChanged /kids -1"), events);
        WatchTestSupport.assertWatching(h.store, w, "/same", "/unborn", "/p", "/r");
        h.create(writer, "/unborn", null, 0);
        assertEquals(List.of("NodeCreated /unborn"), seen(w));
    }
}
