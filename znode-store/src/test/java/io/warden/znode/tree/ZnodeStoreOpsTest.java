package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.Id;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.Stat;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Perms;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.acl.DigestAuth;
import io.warden.znode.txn.ErrorTxn;
import io.warden.znode.wire.Requests;
import io.warden.znode.wire.Responses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZnodeStoreOpsTest {
    private StoreHarness h;
    private StoreHarness.Conn c;

    private static int code(Code c) { return c.intValue(); }

    @BeforeEach
    void setUp() {
        h = new StoreHarness();
        c = h.connect(0x100L);
    }

    @Test
    void freshTreeHasBuiltInNodesWithZooKeeperStats() {
        StoreHarness fresh = new StoreHarness();
        Stat root = fresh.stat("/");
        assertEquals(-1, root.getCversion());
        assertEquals(1, root.getNumChildren());
        assertEquals(0, root.getCzxid());
        Stat zk = fresh.stat("/zookeeper");
        assertEquals(-2, zk.getCversion());
        assertEquals(2, zk.getNumChildren());
        assertEquals(0, fresh.stat("/zookeeper/config").getDataLength());
        assertArrayEquals(new byte[0], fresh.store.dataOf("/zookeeper/config"));
        assertEquals(4, fresh.store.nodeCount());
        assertEquals(5, fresh.store.reportedNodeCount());
        StoreHarness.Conn anon = fresh.connect(7);
        Reply acl = fresh.call(anon, OpCode.getACL, new Requests.PathRequest("/zookeeper/config"));
        assertEquals(ZooDefs.Ids.READ_ACL_UNSAFE, ((Responses.GetACLResponse) acl.body()).acl());
    }

    @Test
    void createSetsEveryStatFieldAndParentPzxidAndCversion() {
        h.now = 5000;
        Reply r = h.create(c, "/a", "hi".getBytes(), 0);
        assertEquals(0, r.err());
        long z = h.zxid;
        Stat s = ((Responses.Create2Response) r.body()).stat();
        assertEquals(new Stat(z, z, 5000, 5000, 0, 0, 0, 0, 2, 0, z), s);
        Stat root = h.stat("/");
        assertEquals(z, root.getPzxid());
        assertEquals(0, root.getCversion()); // 2*1 - 2 children... creates=1, children=2 (zookeeper, a)
        h.now = 6000;
        Reply set = h.setData(c, "/a", null, 0);
        Stat after = ((Responses.StatResponse) set.body()).stat();
        assertEquals(1, after.getVersion());
        assertEquals(h.zxid, after.getMzxid());
        assertEquals(z, after.getCzxid());
        assertEquals(6000, after.getMtime());
        assertEquals(0, after.getDataLength());
        assertNull(((Responses.GetDataResponse) h.getData(c, "/a", false).body()).data());
    }

    @Test
    void nullAndEmptyDataStayDistinct() {
        h.create(c, "/null", null, 0);
        h.create(c, "/empty", new byte[0], 0);
        assertNull(((Responses.GetDataResponse) h.getData(c, "/null", false).body()).data());
        assertArrayEquals(new byte[0], ((Responses.GetDataResponse) h.getData(c, "/empty", false).body()).data());
        assertEquals(0, h.stat("/null").getDataLength());
    }

    @Test
    void cversionCountsCreatesAndDeletes() {
        h.create(c, "/p", null, 0);
        h.create(c, "/p/x", null, 0);
        h.delete(c, "/p/x", -1);
        h.create(c, "/p/x", null, 0);
        Stat p = h.stat("/p");
        assertEquals(3, p.getCversion());
        assertEquals(1, p.getNumChildren());
        assertEquals(h.zxid, p.getPzxid());
    }

    @Test
    void sequentialNamesUseParentCounterAndSurviveDeletes() {
        h.create(c, "/w", null, 0);
        assertEquals("/w/s-0000000000", h.createdPath(h.create(c, "/w/s-", null, 2)));
        h.delete(c, "/w/s-0000000000", -1);
        assertEquals("/w/s-0000000001", h.createdPath(h.create(c, "/w/s-", null, 2)));
        h.create(c, "/w/plain", null, 0);
        assertEquals("/w/0000000003", h.createdPath(h.create(c, "/w/", null, 3)));
        assertEquals(0x100L, h.stat("/w/0000000003").getEphemeralOwner());
    }

    @Test
    void createResponseShapeFollowsOpcode() {
        Reply plain = h.call(c, OpCode.create, new Requests.CreateRequest("/c1", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0,
                Requests.CreateRequest.NO_TTL));
        assertEquals("/c1", ((Responses.PathResponse) plain.body()).path());
        Reply container = h.call(c, OpCode.createContainer, new Requests.CreateRequest("/c2", null,
                ZooDefs.Ids.OPEN_ACL_UNSAFE, 4, Requests.CreateRequest.NO_TTL));
        assertInstanceOf(Responses.Create2Response.class, container.body());
        assertEquals(0, h.stat("/c2").getEphemeralOwner());
    }

    @Test
    void ttlRulesFollowZooKeeper() {
        assertEquals(0, h.createTtl(c, "/t", 5, 1000).err());
        assertEquals(0, h.stat("/t").getEphemeralOwner());
        assertEquals(code(Code.BADARGUMENTS), h.create(c, "/t2", null, 5).err());
        assertEquals(code(Code.BADARGUMENTS), h.createTtl(c, "/t3", 0, 1000).err());
        assertEquals(code(Code.BADARGUMENTS), h.createTtl(c, "/t4", 5, 0).err());
        assertEquals(code(Code.BADARGUMENTS), h.createTtl(c, "/t5", 6, 0x100_0000_0000L).err());
        assertEquals(0, h.createTtl(c, "/t6", 0, -1).err());
        assertEquals(code(Code.BADARGUMENTS), h.create(c, "/t7", null, 7).err());
        assertEquals("/t/s0000000000", h.createdPath(h.createTtl(c, "/t/s", 6, 10)));
    }

    @Test
    void ephemeralsCannotHaveChildrenButContainersAndTtlCan() {
        h.create(c, "/e", null, 1);
        assertEquals(code(Code.NOCHILDRENFOREPHEMERALS), h.create(c, "/e/x", null, 0).err());
        h.create(c, "/k", null, 4);
        assertEquals(0, h.create(c, "/k/x", null, 0).err());
        h.createTtl(c, "/t", 5, 100);
        assertEquals(0, h.create(c, "/t/x", null, 0).err());
    }

    @Test
    void createChecksInZooKeeperOrder() {
        List<ACL> digestOnly = List.of(new ACL(Perms.READ, DigestAuth.idFor("u:p")));
        h.create(c, "/locked", null, digestOnly, 0);
        // flags before path
        assertEquals(code(Code.BADARGUMENTS), h.create(c, "bad", null, 99).err());
        // path before ACL
        assertEquals(code(Code.BADARGUMENTS), h.create(c, "bad", null, List.of(), 0).err());
        // ACL before parent existence
        assertEquals(code(Code.INVALIDACL), h.create(c, "/missing/x", null, List.of(), 0).err());
        // parent existence before permission
        assertEquals(code(Code.NONODE), h.create(c, "/missing/x", null, 0).err());
        // permission before existence
        h.create(c, "/open", null, 0);
        assertEquals(code(Code.NOAUTH), h.create(c, "/locked/x", null, 0).err());
        assertEquals(code(Code.NODEEXISTS), h.create(c, "/open", null, 0).err());
        assertEquals(code(Code.NODEEXISTS), h.create(c, "/", null, 0).err());
        assertEquals(code(Code.BADARGUMENTS), h.create(c, "/a/../b", null, 0).err());
        assertEquals(code(Code.BADARGUMENTS), h.create(c, "/a\u0001", null, 0).err());
    }

    @Test
    void creatorAllAclNeedsAnAuthenticatedId() {
        assertEquals(code(Code.INVALIDACL), h.create(c, "/x", null, ZooDefs.Ids.CREATOR_ALL_ACL, 0).err());
        StoreHarness.Conn authed = h.connect(0x200L, AuthInfo.forAddress("127.0.0.1").with(DigestAuth.idFor("bob:pw")));
        assertEquals(0, h.create(authed, "/x", null, ZooDefs.Ids.CREATOR_ALL_ACL, 0).err());
        Reply acl = h.call(authed, OpCode.getACL, new Requests.PathRequest("/x"));
        assertEquals(List.of(new ACL(Perms.ALL, DigestAuth.idFor("bob:pw"))), ((Responses.GetACLResponse) acl.body()).acl());
        assertEquals(code(Code.NOAUTH), h.getData(c, "/x", false).err());
        assertEquals(0, h.getData(authed, "/x", false).err());
    }

    @Test
    void deleteChecksInZooKeeperOrder() {
        assertEquals(code(Code.BADARGUMENTS), h.delete(c, "/", -1).err());
        assertEquals(code(Code.BADARGUMENTS), h.delete(c, "/zookeeper", -1).err());
        assertEquals(code(Code.BADARGUMENTS), h.delete(c, "/zookeeper/config", -1).err());
        assertEquals(code(Code.NONODE), h.delete(c, "/nope/x", -1).err());
        h.create(c, "/nodel", null, List.of(new ACL(Perms.ALL & ~Perms.DELETE, ZooDefs.Ids.ANYONE_ID_UNSAFE)), 0);
        assertEquals(code(Code.NOAUTH), h.delete(c, "/nodel/missing", -1).err());
        assertEquals(code(Code.NONODE), h.delete(c, "/missing", -1).err());
        h.create(c, "/d", null, 0);
        h.create(c, "/d/c", null, 0);
        assertEquals(code(Code.BADVERSION), h.delete(c, "/d", 3).err());
        assertEquals(code(Code.NOTEMPTY), h.delete(c, "/d", 0).err());
        assertEquals(0, h.delete(c, "/d/c", 0).err());
        assertEquals(0, h.delete(c, "/d", -1).err());
        assertNull(h.stat("/d"));
    }

    @Test
    void setDataAndSetAclCheckInOrderAndBumpVersions() {
        assertEquals(code(Code.NONODE), h.setData(c, "/none", null, -1).err());
        h.create(c, "/ro", null, ZooDefs.Ids.READ_ACL_UNSAFE, 0);
        assertEquals(code(Code.NOAUTH), h.setData(c, "/ro", null, 99).err());
        h.create(c, "/n", null, 0);
        assertEquals(code(Code.BADVERSION), h.setData(c, "/n", null, 5).err());
        assertEquals(0, h.setData(c, "/n", "x".getBytes(), 0).err());
        assertEquals(2, ((Responses.StatResponse) h.setData(c, "/n", null, -1).body()).stat().getVersion());

        assertEquals(code(Code.INVALIDACL), h.call(c, OpCode.setACL, new Requests.SetACLRequest("/none", List.of(), -1)).err());
        assertEquals(code(Code.NONODE), h.call(c, OpCode.setACL,
                new Requests.SetACLRequest("/none", ZooDefs.Ids.OPEN_ACL_UNSAFE, -1)).err());
        assertEquals(code(Code.NOAUTH), h.call(c, OpCode.setACL,
                new Requests.SetACLRequest("/ro", ZooDefs.Ids.OPEN_ACL_UNSAFE, 7)).err());
        assertEquals(code(Code.BADVERSION), h.call(c, OpCode.setACL,
                new Requests.SetACLRequest("/n", ZooDefs.Ids.READ_ACL_UNSAFE, 4)).err());
        Reply ok = h.call(c, OpCode.setACL, new Requests.SetACLRequest("/n", ZooDefs.Ids.READ_ACL_UNSAFE, 0));
        assertEquals(1, ((Responses.StatResponse) ok.body()).stat().getAversion());
    }

    @Test
    void failedWritesStillProduceATxnThatTakesAZxid() {
        Prepared p = h.store.prepare(c.ctx(), OpCode.delete, StoreHarness.body(new Requests.PathVersionRequest("/x", -1)));
        assertTrue(p.isWrite());
        assertEquals(new ErrorTxn(code(Code.NONODE)), p.txn());
        long before = h.store.lastProcessedZxid();
        assertEquals(code(Code.NONODE), h.applyTxn(c.session, p.txn()).reply().err());
        assertEquals(before + 1, h.store.lastProcessedZxid());
    }

    @Test
    void badRequestsGetTheirCodes() {
        assertEquals(code(Code.UNIMPLEMENTED), h.call(c, 0, null).err());
        assertEquals(code(Code.UNIMPLEMENTED), h.call(c, OpCode.check, new Requests.PathVersionRequest("/", 1)).err());
        assertEquals(code(Code.RECONFIGDISABLED), h.call(c, OpCode.reconfig,
                new Requests.ReconfigRequest(null, null, null, -1)).err());
        assertEquals(code(Code.MARSHALLINGERROR), h.call(c, OpCode.create, new Requests.PathRequest("/x")).err());
        assertEquals(code(Code.MARSHALLINGERROR), h.call(c, OpCode.getData, null).err());
        assertEquals(code(Code.BADARGUMENTS), h.exists(c, "/a\u0000b", false).err());
        byte[] big = new byte[0xfffff + 1];
        assertEquals(code(Code.BADARGUMENTS), h.create(c, "/big", big, 0).err());
        assertEquals("/p", ((Responses.PathResponse) h.call(c, OpCode.sync, new Requests.PathRequest("/p")).body()).path());
    }

    @Test
    void writesFromUnknownSessionsAreRefused() {
        StoreHarness.Conn ghost = h.new Conn(0x999L, AuthInfo.NONE);
        assertEquals(code(Code.SESSIONEXPIRED), h.create(ghost, "/g", null, 1).err());
        assertEquals(code(Code.SESSIONEXPIRED), h.setData(ghost, "/", null, -1).err());
    }

    @Test
    void readOnlyOpsAnswerLikeZooKeeper() {
        h.create(c, "/r", null, 0);
        h.create(c, "/r/a", null, 0);
        h.create(c, "/r/a/b", null, 0);
        h.create(c, "/r/e1", null, 1);
        Reply kids = h.call(c, OpCode.getChildren2, new Requests.PathWatchRequest("/r", false));
        Responses.Children2Response ch = (Responses.Children2Response) kids.body();
        assertEquals(2, ch.children().size());
        assertEquals(2, ch.stat().getNumChildren());
        Reply all = h.call(c, OpCode.getAllChildrenNumber, new Requests.PathRequest("/r"));
        assertEquals(3, ((Responses.IntResponse) all.body()).value());
        Reply rootAll = h.call(c, OpCode.getAllChildrenNumber, new Requests.PathRequest("/"));
        assertEquals(7, ((Responses.IntResponse) rootAll.body()).value());
        Reply eph = h.call(c, OpCode.getEphemerals, new Requests.PathRequest("/r/e"));
        assertEquals(List.of("/r/e1"), ((Responses.ChildrenResponse) eph.body()).children());
        Reply none = h.call(c, OpCode.getEphemerals, new Requests.PathRequest("/zz"));
        assertTrue(((Responses.ChildrenResponse) none.body()).children().isEmpty());
        Reply who = h.call(h.connect(0x300L, AuthInfo.forAddress("127.0.0.1").with(DigestAuth.idFor("al:pw"))),
                OpCode.whoAmI, null);
        assertEquals(List.of(new Responses.ClientInfo("ip", "127.0.0.1"), new Responses.ClientInfo("digest", "al")),
                ((Responses.WhoAmIResponse) who.body()).clientInfo());
        assertEquals(code(Code.NONODE), h.exists(c, "/nope", false).err());
        assertFalse(h.exists(c, "/r", false).isError());
    }

    @Test
    void getAclMasksDigestsForReadersWithoutAdmin() {
        Id bob = DigestAuth.idFor("bob:pw");
        h.create(c, "/m", null, List.of(new ACL(Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ALL, bob)), 0);
        Reply masked = h.call(c, OpCode.getACL, new Requests.PathRequest("/m"));
        assertEquals(new Id("digest", "bob:x"), ((Responses.GetACLResponse) masked.body()).acl().get(1).id());
        StoreHarness.Conn admin = h.connect(0x400L, AuthInfo.forAddress("127.0.0.1").with(bob));
        Reply full = h.call(admin, OpCode.getACL, new Requests.PathRequest("/m"));
        assertEquals(bob, ((Responses.GetACLResponse) full.body()).acl().get(1).id());
        h.create(c, "/w", null, List.of(new ACL(Perms.WRITE, ZooDefs.Ids.ANYONE_ID_UNSAFE)), 0);
        assertEquals(code(Code.NOAUTH), h.call(c, OpCode.getACL, new Requests.PathRequest("/w")).err());
    }
}
