package io.warden.znode.tree;

import io.warden.znode.KeeperException.Code;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.txn.DeleteContainerTxn;
import io.warden.znode.txn.ErrorTxn;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteStreamReader;
import io.warden.znode.wire.JuteStreamReaderTest;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests;
import io.warden.znode.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {

    private static void populate(StoreHarness h) {
        StoreHarness.Conn c = h.connect(0x10L);
        StoreHarness.Conn d = h.connect(0x20L);
        h.create(c, "/app", "cfg".getBytes(), 0);
        h.create(c, "/app/e", null, 1);
        h.create(d, "/app/s-", new byte[3], 3);
        h.create(c, "/app/k", null, 4);
        h.create(c, "/app/k/x", null, 0);
        h.createTtl(c, "/app/t", 5, 1000);
        h.setData(c, "/app", null, 0);
        h.call(c, OpCode.setACL, new Requests.SetACLRequest("/app/e", ZooDefs.Ids.READ_ACL_UNSAFE, -1));
        h.delete(c, "/nope", -1);
    }

    @Test
    void followerApplyingDecodedTxnsReachesTheSameDigest() {
        StoreHarness source = new StoreHarness();
        ZnodeStore target = new ZnodeStore();
        mirror(source, target, 0x10L, source.store.prepareCreateSession(0x10L, 1000, 0).txn());
        StoreHarness.Conn c = source.new Conn(0x10L, io.warden.znode.acl.AuthInfo.NONE);
        for (String p : List.of("/a", "/b", "/c", "/a")) {
            Txn create = source.store.prepare(c.ctx(), OpCode.create2, StoreHarness.body(new Requests.CreateRequest(p,
                    p.getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, 2, Requests.CreateRequest.NO_TTL))).txn();
            mirror(source, target, c.session, create);
        }
        Txn del = source.store.prepare(c.ctx(), OpCode.delete,
                StoreHarness.body(new Requests.PathVersionRequest("/c0000000002", 0))).txn();
        mirror(source, target, c.session, del);
        mirror(source, target, c.session, source.store.prepareCloseSession(0x10L, 0).txn());
        assertEquals(source.store.digest(), target.digest());
        assertEquals(source.store.childrenOf("/"), target.childrenOf("/"));
        assertEquals(source.store.statOf("/"), target.statOf("/"));
        assertEquals(source.store.lastProcessedZxid(), target.lastProcessedZxid());
        assertEquals(List.of("/a0000000000", "/a0000000003"), target.childrenOf("/").stream().filter(x -> x.startsWith("a"))
                .map(x -> "/" + x).toList());
    }

    private static void mirror(StoreHarness source, ZnodeStore target, long session, Txn txn) {
        TxnHeader hdr = new TxnHeader(session, 1, ++source.zxid, source.now);
        source.store.apply(hdr, txn);
        var entry = TxnCodec.decodeEntry(TxnCodec.encode(hdr, txn));
        target.apply(entry.header(), entry.txn());
    }

    @Test
    void snapshotRoundTripKeepsTreeSessionsAndDigest() {
        StoreHarness h = new StoreHarness();
        populate(h);
        JuteWriter w = new JuteWriter();
        h.store.serialize(w);
        byte[] bytes = w.toByteArray();
        ZnodeStore copy = ZnodeStore.deserialize(new JuteReader(bytes, 0, bytes.length, bytes.length));
        assertEquals(h.store.digest(), copy.digest());
        assertEquals(h.store.lastProcessedZxid(), copy.lastProcessedZxid());
        assertEquals(h.store.sessions(), copy.sessions());
        assertEquals(h.store.ephemeralsBySession(), copy.ephemeralsBySession());
        for (String p : List.of("/", "/zookeeper", "/app", "/app/e", "/app/s-0000000001", "/app/k", "/app/t")) {
            assertEquals(h.store.statOf(p), copy.statOf(p), p);
            assertArrayEquals(h.store.dataOf(p), copy.dataOf(p), p);
        }
        assertEquals(h.store.approximateDataSize(), copy.approximateDataSize());
        assertEquals(h.store.reapCandidates(Long.MAX_VALUE, 10), copy.reapCandidates(Long.MAX_VALUE, 10));
        // the copy keeps working: sequence counters survive
        StoreHarness again = new StoreHarness(copy);
        again.zxid = h.zxid;
        assertEquals("/app/s-0000000004", again.createdPath(again.create(again.connect(0x10L), "/app/s-", null, 2)));
    }

    @Test
    void snapshotStreamedThroughASmallBufferDecodesLikeTheArray() {
        StoreHarness h = new StoreHarness();
        populate(h);
        JuteWriter w = new JuteWriter();
        h.store.serialize(w);
        byte[] bytes = w.toByteArray();
        JuteStreamReader in = new JuteStreamReader(JuteStreamReaderTest.dribbling(bytes, 3), bytes.length,
                JuteStreamReader.MIN_BUFFER, Integer.MAX_VALUE);
        ZnodeStore copy = ZnodeStore.deserialize(in);
        assertEquals(0, in.remaining(), "the whole snapshot was consumed");
        assertEquals(h.store.digest(), copy.digest());
        assertEquals(h.store.lastProcessedZxid(), copy.lastProcessedZxid());
        assertEquals(h.store.sessions(), copy.sessions());
        assertEquals(h.store.ephemeralsBySession(), copy.ephemeralsBySession());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(WireFormatException.class, () -> ZnodeStore.deserialize(new JuteStreamReader(
                new java.io.ByteArrayInputStream(cut), cut.length, 64, Integer.MAX_VALUE)));
    }

    @Test
    void corruptSnapshotIsRejected() {
        StoreHarness h = new StoreHarness();
        populate(h);
        JuteWriter w = new JuteWriter();
        h.store.serialize(w);
        byte[] bytes = w.toByteArray();
        bytes[bytes.length - 1] ^= 1;
        assertThrows(WireFormatException.class, () -> ZnodeStore.deserialize(new JuteReader(bytes)));
        assertThrows(WireFormatException.class, () -> ZnodeStore.deserialize(new JuteReader(new byte[] {1, 2, 3, 4})));
    }

    @Test
    void digestTracksContentNotHistory() {
        StoreHarness a = new StoreHarness();
        long fresh = a.store.digest();
        StoreHarness.Conn c = a.connect(1);
        a.create(c, "/x", null, 0);
        assertNotEquals(fresh, a.store.digest());
        long withX = a.store.digest();
        a.setData(c, "/x", "1".getBytes(), -1);
        assertNotEquals(withX, a.store.digest());
        assertEquals(new ZnodeStore().digest(), fresh);
    }

    @Test
    void closingASessionDeletesOnlyItsEphemeralsAndFiresWatches() {
        StoreHarness h = new StoreHarness();
        StoreHarness.Conn a = h.connect(0xAL);
        StoreHarness.Conn b = h.connect(0xBL);
        h.create(a, "/p", null, 0);
        h.create(a, "/p/a1", null, 1);
        h.create(a, "/p/a2", null, 3);
        h.create(b, "/p/b1", null, 1);
        assertEquals(3, h.store.ephemeralCount());
        h.getChildren(b, "/p", true);
        h.exists(b, "/p/a1", true);
        Txn close = h.store.prepareCloseSession(0xAL, h.now).txn();
        ApplyResult r = h.applyTxn(0xAL, close);
        assertEquals(Reply.OK, r.reply());
        assertEquals(List.of("b1"), h.store.childrenOf("/p"));
        assertFalse(h.store.hasSession(0xAL));
        assertTrue(h.store.ephemeralsBySession().containsKey(0xBL));
        assertFalse(h.store.ephemeralsBySession().containsKey(0xAL));
        List<String> ev = b.events().stream().map(d -> d.event().getType() + " " + d.event().getPath()).toList();
        assertEquals(List.of("NodeDeleted /p/a1", "NodeChildrenChanged /p"), ev);
        assertEquals(h.zxid, b.events().get(0).event().getZxid());
    }

    @Test
    void reaperFindsUsedEmptyContainersAndExpiredTtlNodes() {
        StoreHarness h = new StoreHarness();
        StoreHarness.Conn c = h.connect(1);
        h.now = 1000;
        h.create(c, "/never", null, 4);
        h.create(c, "/used", null, 4);
        h.create(c, "/used/x", null, 0);
        h.createTtl(c, "/ttl", 5, 500);
        h.createTtl(c, "/ttlkids", 5, 500);
        h.create(c, "/ttlkids/x", null, 0);
        assertEquals(List.of(), h.store.reapCandidates(1500, 10));
        h.delete(c, "/used/x", -1);
        assertEquals(List.of("/used"), h.store.reapCandidates(1500, 10));
        assertEquals(List.of("/ttl", "/used"), h.store.reapCandidates(1501, 10));
        assertEquals(List.of("/ttl"), h.store.reapCandidates(1501, 1));
        h.now = 1400;
        h.setData(c, "/ttl", null, -1);
        assertEquals(List.of("/used"), h.store.reapCandidates(1501, 10), "setData refreshes a TTL node");

        Prepared del = h.store.prepare(RequestContext.internal(2000), OpCode.deleteContainer,
                StoreHarness.body(new Requests.PathRequest("/used")));
        assertInstanceOf(DeleteContainerTxn.class, del.txn());
        h.applyTxn(0, del.txn());
        assertNull(h.stat("/used"));
        h.create(c, "/used2", null, 4);
        h.create(c, "/used2/x", null, 0);
        Prepared notEmpty = h.store.prepare(RequestContext.internal(2000), OpCode.deleteContainer,
                StoreHarness.body(new Requests.PathRequest("/used2")));
        assertEquals(new ErrorTxn(Code.NOTEMPTY.intValue()), notEmpty.txn());
        h.applyTxn(0, notEmpty.txn());
        h.create(c, "/plain", null, 0);
        Prepared plain = h.store.prepare(RequestContext.internal(2000), OpCode.deleteContainer,
                StoreHarness.body(new Requests.PathRequest("/plain")));
        assertEquals(new ErrorTxn(Code.BADARGUMENTS.intValue()), plain.txn());
    }
}
