package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exists/getData/setData/delete with versions, and the KeeperException each misuse produces. */
class VersionsAndErrorsTest extends CompatTestBase {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void setDataBumpsVersionAndMzxidAndChecksTheExpectedVersion() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/v", bytes("a"), OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat s0 = zk.exists("/v", false);

        Stat s1 = zk.setData("/v", bytes("bb"), 0);
        assertEquals(1, s1.getVersion());
        assertTrue(s1.getMzxid() > s0.getMzxid());
        assertEquals(s0.getCzxid(), s1.getCzxid());
        assertEquals(2, s1.getDataLength());
        assertTrue(s1.getMtime() >= s0.getMtime());

        assertThrows(KeeperException.BadVersionException.class, () -> zk.setData("/v", bytes("c"), 0));
        Stat s2 = zk.setData("/v", bytes("ccc"), -1);
        assertEquals(2, s2.getVersion());

        Stat read = new Stat();
        assertArrayEquals(bytes("ccc"), zk.getData("/v", false, read));
        assertEquals(s2, read);
        assertEquals(s2, zk.exists("/v", false));
    }

    @Test
    void deleteChecksVersionAndChildren() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/d", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/d/child", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData("/d/child", bytes("x"), -1);

        assertThrows(KeeperException.NotEmptyException.class, () -> zk.delete("/d", -1));
        assertThrows(KeeperException.BadVersionException.class, () -> zk.delete("/d/child", 0));
        zk.delete("/d/child", 1);
        assertNull(zk.exists("/d/child", false));
        zk.delete("/d", 0);
        assertNull(zk.exists("/d", false));
        assertThrows(KeeperException.NoNodeException.class, () -> zk.delete("/d", -1));
    }

    @Test
    void missingNodesAndParentsGiveNoNode() throws Exception {
        ZooKeeper zk = connect();
        assertNull(zk.exists("/nope", false));
        assertThrows(KeeperException.NoNodeException.class, () -> zk.getData("/nope", false, null));
        assertThrows(KeeperException.NoNodeException.class, () -> zk.setData("/nope", null, -1));
        assertThrows(KeeperException.NoNodeException.class, () -> zk.getChildren("/nope", false));
        assertThrows(KeeperException.NoNodeException.class, () -> zk.getChildren("/nope", false, new Stat()));
        assertThrows(KeeperException.NoNodeException.class, () -> zk.getACL("/nope", new Stat()));
        assertThrows(KeeperException.NoNodeException.class,
                () -> zk.create("/nope/child", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrows(KeeperException.NoNodeException.class, () -> zk.getAllChildrenNumber("/nope"));
    }

    @Test
    void creatingAnExistingNodeGivesNodeExistsAndChangesNothing() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/x", bytes("first"), OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat before = zk.exists("/x", false);
        assertThrows(KeeperException.NodeExistsException.class,
                () -> zk.create("/x", bytes("second"), OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrows(KeeperException.NodeExistsException.class,
                () -> zk.create("/x", bytes("second"), OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
        assertThrows(KeeperException.NodeExistsException.class,
                () -> zk.create("/x", bytes("second"), OPEN_ACL_UNSAFE, CreateMode.CONTAINER));
        assertThrows(KeeperException.NodeExistsException.class, () -> zk.create("/x", bytes("second"),
                OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 1000));
        assertArrayEquals(bytes("first"), zk.getData("/x", false, null));
        assertEquals(before, zk.exists("/x", false));
    }

    @Test
    void rootAndBuiltInNodesCannotBeDeleted() throws Exception {
        ZooKeeper zk = connect();
        assertThrows(KeeperException.BadArgumentsException.class, () -> zk.delete("/", -1));
        assertThrows(KeeperException.BadArgumentsException.class, () -> zk.delete("/zookeeper", -1));
        assertThrows(KeeperException.BadArgumentsException.class, () -> zk.delete("/zookeeper/config", -1));
        assertThrows(KeeperException.BadArgumentsException.class, () -> zk.delete("/zookeeper/quota", -1));
        assertNotNull(zk.exists("/zookeeper/config", false));
    }

    @Test
    void failedWritesStillAdvanceTheZxidButReadsDoNot() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/z", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        long afterCreate = zk.exists("/z", false).getCzxid();
        assertThrows(KeeperException.NodeExistsException.class,
                () -> zk.create("/z", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrows(KeeperException.BadVersionException.class, () -> zk.setData("/z", null, 7));
        // the next successful write sees a zxid past the two failed writes
        Stat s = zk.setData("/z", null, -1);
        assertEquals(afterCreate + 3, s.getMzxid(), "each failed write uses one zxid, as in ZooKeeper");
    }
}
