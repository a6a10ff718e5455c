package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stat fields exactly as ZooKeeper reports them, children listings, and the built-in /zookeeper nodes. */
class StatFieldsTest extends CompatTestBase {

    @Test
    void cversionCountsChildCreatesAndDeletesAndPzxidFollowsTheLastOne() throws Exception {
        ZooKeeper zk = connect();
        Stat parent0 = new Stat();
        zk.create("/p", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, parent0);

        Stat a = new Stat();
        zk.create("/p/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, a);
        zk.delete("/p/a", -1);
        Stat b = new Stat();
        zk.create("/p/b", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, b);

        Stat p = zk.exists("/p", false);
        assertEquals(3, p.getCversion(), "create + delete + create = cversion 3");
        assertEquals(1, p.getNumChildren());
        assertEquals(b.getCzxid(), p.getPzxid(), "pzxid is the zxid of the last child create/delete");
        assertEquals(parent0.getMzxid(), p.getMzxid(), "child changes do not touch the parent's mzxid");
        assertEquals(0, p.getVersion());

        // setData on a child touches neither the parent's pzxid nor its cversion
        zk.setData("/p/b", new byte[]{1}, -1);
        assertEquals(p, zk.exists("/p", false));

        zk.delete("/p/b", -1);
        Stat afterDelete = zk.exists("/p", false);
        assertEquals(4, afterDelete.getCversion());
        assertEquals(0, afterDelete.getNumChildren());
        assertTrue(afterDelete.getPzxid() > b.getCzxid(), "a child delete moves pzxid");
    }

    @Test
    void setAclBumpsOnlyAversion() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/acl", new byte[]{1, 2}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat before = zk.exists("/acl", false);
        Stat after = zk.setACL("/acl", ZooDefs.Ids.READ_ACL_UNSAFE, 0);
        assertEquals(1, after.getAversion());
        assertEquals(before.getVersion(), after.getVersion());
        assertEquals(before.getMzxid(), after.getMzxid());
        assertEquals(before.getCversion(), after.getCversion());
        assertEquals(after, zk.exists("/acl", false));
    }

    @Test
    void getChildren2ReturnsNamesAndTheSameStatAsExists() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/kids", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        for (String n : List.of("x", "y", "z")) {
            zk.create("/kids/" + n, null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        Stat stat = new Stat();
        List<String> names = zk.getChildren("/kids", false, stat);
        assertEquals(List.of("x", "y", "z"), CreateModesTest.sorted(names));
        assertEquals(zk.exists("/kids", false), stat);
        assertEquals(3, stat.getNumChildren());
        assertEquals(List.of("x", "y", "z"), CreateModesTest.sorted(zk.getChildren("/kids", false)));
        assertEquals(List.of(), zk.getChildren("/kids/x", false));
    }

    @Test
    void freshServerHasTheBuiltInNodesWithZooKeepersStats() throws Exception {
        ZooKeeper zk = connect();
        assertEquals(List.of("zookeeper"), zk.getChildren("/", false));
        assertEquals(List.of("config", "quota"), CreateModesTest.sorted(zk.getChildren("/zookeeper", false)));

        Stat root = zk.exists("/", false);
        assertEquals(1, root.getNumChildren());
        assertEquals(-1, root.getCversion(), "ZooKeeper reports cversion -1 on a fresh root");
        assertEquals(0, root.getCzxid());
        assertEquals(0, root.getEphemeralOwner());

        Stat zkNode = zk.exists("/zookeeper", false);
        assertEquals(2, zkNode.getNumChildren());
        assertEquals(-2, zkNode.getCversion(), "ZooKeeper reports cversion -2 on /zookeeper");

        Stat config = new Stat();
        byte[] data = zk.getConfig(false, config);
        assertNotNull(data);
        assertEquals(0, config.getDataLength());
        assertEquals(ZooDefs.Ids.READ_ACL_UNSAFE, zk.getACL("/zookeeper/config", new Stat()));
        assertEquals(OPEN_ACL_UNSAFE, zk.getACL("/zookeeper/quota", new Stat()));
        assertNotNull(zk.exists("/zookeeper/quota", false));
    }

    @Test
    void rootCversionAndPzxidTrackUserChildren() throws Exception {
        ZooKeeper zk = connect();
        Stat created = new Stat();
        zk.create("/top", new byte[]{7}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
        Stat root = zk.exists("/", false);
        assertEquals(2, root.getNumChildren());
        assertEquals(0, root.getCversion(), "-1 + one child create");
        assertEquals(created.getCzxid(), root.getPzxid());
        assertArrayEquals(new byte[]{7}, zk.getData("/top", false, null));
    }
}
