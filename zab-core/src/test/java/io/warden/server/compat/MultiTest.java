package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** multi (atomic, per-op results) and multiRead (independent reads) with the official client. */
class MultiTest extends CompatTestBase {

    @Test
    void successfulMultiAppliesEveryOpUnderOneZxid() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/m", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/m/old", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = zk.multi(List.of(
                Op.create("/m/a", new byte[]{1}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/m/s-", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData("/m/a", new byte[]{2}, 0),
                Op.check("/m/a", 1),
                Op.delete("/m/old", 0),
                Op.create("/m/c", null, OPEN_ACL_UNSAFE, CreateMode.CONTAINER),
                Op.create("/m/e", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL)));

        assertEquals(7, results.size());
        assertEquals("/m/a", ((OpResult.CreateResult) results.get(0)).getPath());
        assertEquals("/m/s-0000000002", ((OpResult.CreateResult) results.get(1)).getPath());
        Stat setStat = ((OpResult.SetDataResult) results.get(2)).getStat();
        assertEquals(1, setStat.getVersion());
        assertInstanceOf(OpResult.CheckResult.class, results.get(3));
        assertInstanceOf(OpResult.DeleteResult.class, results.get(4));
        assertEquals("/m/c", ((OpResult.CreateResult) results.get(5)).getPath());
        assertEquals("/m/e", ((OpResult.CreateResult) results.get(6)).getPath());

        Stat a = zk.exists("/m/a", false);
        assertEquals(a.getCzxid(), a.getMzxid(), "create and setData in one multi share the zxid");
        assertEquals(a.getCzxid(), zk.exists("/m/s-0000000002", false).getCzxid());
        assertEquals(a.getCzxid(), zk.exists("/m", false).getPzxid());
        assertEquals(zk.getSessionId(), zk.exists("/m/e", false).getEphemeralOwner());
        assertNull(zk.exists("/m/old", false));
        assertArrayEquals(new byte[]{2}, zk.getData("/m/a", false, null));
    }

    @Test
    void failedMultiAppliesNothingAndReportsOkThenTheErrorThenRuntimeInconsistency() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/f", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat before = zk.exists("/f", false);

        KeeperException e = assertThrows(KeeperException.NoNodeException.class, () -> zk.multi(List.of(
                Op.create("/f/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.delete("/f/missing", -1),
                Op.setData("/f", new byte[]{1}, -1))));

        List<OpResult> results = e.getResults();
        assertEquals(3, results.size());
        assertEquals(0, ((OpResult.ErrorResult) results.get(0)).getErr());
        assertEquals(KeeperException.Code.NONODE.intValue(), ((OpResult.ErrorResult) results.get(1)).getErr());
        assertEquals(KeeperException.Code.RUNTIMEINCONSISTENCY.intValue(),
                ((OpResult.ErrorResult) results.get(2)).getErr());
        assertNull(zk.exists("/f/a", false));
        Stat after = zk.exists("/f", false);
        assertEquals(before.getVersion(), after.getVersion());
        assertEquals(before.getCversion(), after.getCversion());
    }

    @Test
    void opsInAMultiSeeTheEffectsOfEarlierOps() throws Exception {
        ZooKeeper zk = connect();
        zk.multi(List.of(
                Op.create("/chain", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create("/chain/x", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.check("/chain/x", 0),
                Op.delete("/chain/x", 0),
                Op.create("/chain/x", new byte[]{9}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)));
        assertArrayEquals(new byte[]{9}, zk.getData("/chain/x", false, null));
        assertEquals(3, zk.exists("/chain", false).getCversion());
    }

    @Test
    void failedCheckAbortsTheMultiWithBadVersion() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/cv", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        KeeperException e = assertThrows(KeeperException.BadVersionException.class, () -> zk.multi(List.of(
                Op.check("/cv", 5),
                Op.create("/cv/x", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
        assertEquals(KeeperException.Code.BADVERSION.intValue(), ((OpResult.ErrorResult) e.getResults().get(0)).getErr());
        assertEquals(KeeperException.Code.RUNTIMEINCONSISTENCY.intValue(),
                ((OpResult.ErrorResult) e.getResults().get(1)).getErr());
        assertNull(zk.exists("/cv/x", false));
    }

    @Test
    void transactionBuilderCommitsAtomically() throws Exception {
        ZooKeeper zk = connect();
        List<OpResult> results = zk.transaction()
                .create("/tx", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)
                .create("/tx/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)
                .commit();
        assertEquals(2, results.size());
        assertEquals(1, zk.exists("/tx", false).getNumChildren());
    }

    @Test
    void multiReadReturnsEachReadOnItsOwnIncludingErrors() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/r", new byte[]{5}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/r/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/r/b", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = zk.multi(List.of(
                Op.getData("/r"),
                Op.getChildren("/r"),
                Op.getData("/missing"),
                Op.getChildren("/r/a")));

        assertEquals(4, results.size());
        OpResult.GetDataResult data = (OpResult.GetDataResult) results.get(0);
        assertArrayEquals(new byte[]{5}, data.getData());
        assertEquals(zk.exists("/r", false), data.getStat());
        assertEquals(List.of("a", "b"), CreateModesTest.sorted(((OpResult.GetChildrenResult) results.get(1)).getChildren()));
        assertEquals(KeeperException.Code.NONODE.intValue(), ((OpResult.ErrorResult) results.get(2)).getErr());
        assertEquals(List.of(), ((OpResult.GetChildrenResult) results.get(3)).getChildren());
    }
}
