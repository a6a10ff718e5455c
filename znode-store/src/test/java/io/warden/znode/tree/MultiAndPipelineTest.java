package io.warden.znode.tree;

import io.warden.znode.KeeperException.Code;
import io.warden.znode.Op;
import io.warden.znode.OpResult;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.txn.CreateTxn;
import io.warden.znode.txn.ErrorTxn;
import io.warden.znode.txn.MultiTxn;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.MultiCodec;
import io.warden.znode.wire.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiAndPipelineTest {
    private StoreHarness h;
    private StoreHarness.Conn c;

    @BeforeEach
    void setUp() {
        h = new StoreHarness();
        c = h.connect(0x100L);
    }

    private static JuteReader multiBody(List<Op> ops) {
        JuteWriter w = new JuteWriter();
        MultiCodec.writeOps(w, ops);
        return new JuteReader(w.toByteArray());
    }

    private List<OpResult> multi(int opcode, List<Op> ops) {
        Prepared p = h.store.prepare(c.ctx(), opcode, multiBody(ops));
        Reply r = p.isWrite() ? h.applyTxn(c.session, p.txn()).reply() : p.reply();
        assertEquals(0, r.err());
        return ((MultiResponse) r.body()).results();
    }

    @Test
    void successfulMultiAppliesAllOpsAtOneZxidWithTypedResults() {
        h.create(c, "/m", null, 0);
        List<OpResult> res = multi(OpCode.multi, List.of(
                Op.create("/m/a", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, io.warden.znode.CreateMode.PERSISTENT),
                new Op.Create(OpCode.create2, "/m/b-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 2, -1),
                Op.setData("/m/a", "v".getBytes(), 0),
                Op.check("/m/a", 1),
                Op.delete("/m/a", 1)));
        assertEquals(5, res.size());
        assertEquals(new OpResult.CreateResult("/m/a", null), res.get(0));
        OpResult.CreateResult seq = (OpResult.CreateResult) res.get(1);
        assertEquals("/m/b-0000000001", seq.path());
        assertNotNull(seq.stat());
        assertEquals(1, ((OpResult.SetDataResult) res.get(2)).stat().getVersion());
        assertInstanceOf(OpResult.CheckResult.class, res.get(3));
        assertInstanceOf(OpResult.DeleteResult.class, res.get(4));
        assertNull(h.stat("/m/a"));
        assertEquals(h.zxid, h.stat("/m/b-0000000001").getCzxid());
        assertEquals(h.zxid, h.stat("/m").getPzxid());
    }

    @Test
    void failedMultiReportsOkThenRealCodeThenRuntimeInconsistencyAndChangesNothing() {
        long digest = h.store.digest();
        List<OpResult> res = multi(OpCode.multi, List.of(
                Op.create("/x", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, io.warden.znode.CreateMode.PERSISTENT),
                Op.delete("/missing", -1),
                Op.setData("/x", null, -1)));
        assertEquals(List.of(new OpResult.ErrorResult(0), new OpResult.ErrorResult(Code.NONODE.intValue()),
                new OpResult.ErrorResult(Code.RUNTIMEINCONSISTENCY.intValue())), res);
        assertNull(h.stat("/x"));
        assertEquals(digest, h.store.digest());
    }

    @Test
    void multiOpsSeeEarlierOpsOfTheSameMulti() {
        List<OpResult> res = multi(OpCode.multi, List.of(
                Op.create("/y", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, io.warden.znode.CreateMode.PERSISTENT),
                Op.create("/y", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, io.warden.znode.CreateMode.PERSISTENT)));
        assertEquals(Code.NODEEXISTS.intValue(), ((OpResult.ErrorResult) res.get(1)).err());
        h.create(c, "/z", null, 0);
        List<OpResult> bad = multi(OpCode.multi, List.of(Op.check("/z", 3)));
        assertEquals(List.of(new OpResult.ErrorResult(Code.BADVERSION.intValue())), bad);
    }

    @Test
    void staleMultiIsRejectedWholeAtApply() {
        h.create(c, "/s", null, 0);
        long digest = h.store.digest();
        MultiTxn stale = new MultiTxn(List.of(
                new CreateTxn(OpCode.create, "/s/a", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0),
                new CreateTxn(OpCode.create, "/s", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0),
                new io.warden.znode.txn.DeleteTxn("/s/a")));
        Reply r = h.applyTxn(c.session, stale).reply();
        assertEquals(List.of(new OpResult.ErrorResult(0), new OpResult.ErrorResult(Code.NODEEXISTS.intValue()),
                new OpResult.ErrorResult(Code.RUNTIMEINCONSISTENCY.intValue())), ((MultiResponse) r.body()).results());
        assertEquals(digest, h.store.digest());
        assertNull(h.stat("/s/a"));
    }

    @Test
    void multiReadRunsEachOpOnItsOwn() {
        h.create(c, "/r", "d".getBytes(), 0);
        List<OpResult> res = multi(OpCode.multiRead, List.of(Op.getData("/r"), Op.getChildren("/nope"), Op.getChildren("/")));
        assertEquals("d", new String(((OpResult.GetDataResult) res.get(0)).data()));
        assertEquals(new OpResult.ErrorResult(Code.NONODE.intValue()), res.get(1));
        assertTrue(((OpResult.GetChildrenResult) res.get(2)).children().contains("r"));
    }

    @Test
    void mixingReadOpsIntoMultiIsAMarshallingError() {
        Prepared p = h.store.prepare(c.ctx(), OpCode.multi, multiBody(List.of(Op.getData("/"))));
        assertEquals(new ErrorTxn(Code.MARSHALLINGERROR.intValue()), p.txn());
    }

    @Test
    void pipelinedPreparesSeeEachOthersEffects() {
        h.create(c, "/q", null, 0);
        Requests.CreateRequest seq = new Requests.CreateRequest("/q/n-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 2,
                Requests.CreateRequest.NO_TTL);
        Txn t1 = h.store.prepare(c.ctx(), OpCode.create2, StoreHarness.body(seq)).txn();
        Txn t2 = h.store.prepare(c.ctx(), OpCode.create2, StoreHarness.body(seq)).txn();
        Txn t3 = h.store.prepare(c.ctx(), OpCode.setData,
                StoreHarness.body(new Requests.SetDataRequest("/q/n-0000000000", null, 0))).txn();
        Txn t4 = h.store.prepare(c.ctx(), OpCode.setData,
                StoreHarness.body(new Requests.SetDataRequest("/q/n-0000000000", null, 0))).txn();
        Txn t5 = h.store.prepare(c.ctx(), OpCode.delete,
                StoreHarness.body(new Requests.PathVersionRequest("/q", -1))).txn();
        assertEquals("/q/n-0000000000", ((CreateTxn) t1).path());
        assertEquals("/q/n-0000000001", ((CreateTxn) t2).path());
        assertEquals(new ErrorTxn(Code.BADVERSION.intValue()), t4);
        assertEquals(new ErrorTxn(Code.NOTEMPTY.intValue()), t5);
        assertEquals(5, h.store.pendingCount());
        for (Txn t : List.of(t1, t2, t3, t4, t5)) {
            h.applyTxn(c.session, t);
        }
        assertEquals(0, h.store.pendingCount());
        assertEquals(1, h.stat("/q/n-0000000000").getVersion());
    }

    @Test
    void applyingAForeignTxnResetsPendingState() {
        h.store.prepare(c.ctx(), OpCode.create2, StoreHarness.body(new Requests.CreateRequest("/p", null,
                ZooDefs.Ids.OPEN_ACL_UNSAFE, 0, Requests.CreateRequest.NO_TTL)));
        h.store.apply(new TxnHeader(1, 1, ++h.zxid, 0), new MultiTxn(List.of()));
        assertEquals(0, h.store.pendingCount());
        Prepared again = h.store.prepare(c.ctx(), OpCode.create2, StoreHarness.body(new Requests.CreateRequest("/p",
                null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0, Requests.CreateRequest.NO_TTL)));
        assertInstanceOf(CreateTxn.class, again.txn());
    }

    @Test
    void pendingCloseSessionRefusesNewWritesAndFreesEphemeralNames() {
        h.create(c, "/eph", null, 1);
        StoreHarness.Conn other = h.connect(0x200L);
        h.store.prepareCloseSession(c.session, h.now);
        Prepared create = h.store.prepare(other.ctx(), OpCode.create2, StoreHarness.body(new Requests.CreateRequest(
                "/eph", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 1, Requests.CreateRequest.NO_TTL)));
        assertInstanceOf(CreateTxn.class, create.txn());
        Prepared late = h.store.prepare(c.ctx(), OpCode.setData, StoreHarness.body(new Requests.SetDataRequest("/", null, -1)));
        assertEquals(new ErrorTxn(Code.SESSIONEXPIRED.intValue()), late.txn());
    }
}
