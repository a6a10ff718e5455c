package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CreateMode through the official client, sequential naming, create2 stats and data edge cases. */
class CreateModesTest extends CompatTestBase {
    private static final byte[] DATA = "payload".getBytes(StandardCharsets.UTF_8);

    @Test
    void allSevenCreateModesCreateNodesWithTheRightOwnerAndName() throws Exception {
        ZooKeeper zk = connect();
        long sid = zk.getSessionId();
        zk.create("/m", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertEquals("/m/p", zk.create("/m/p", DATA, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertEquals("/m/e", zk.create("/m/e", DATA, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
        String ps = zk.create("/m/ps-", DATA, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        String es = zk.create("/m/es-", DATA, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        assertEquals("/m/c", zk.create("/m/c", DATA, OPEN_ACL_UNSAFE, CreateMode.CONTAINER));
        Stat ttlStat = new Stat();
        assertEquals("/m/t", zk.create("/m/t", DATA, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, ttlStat, 60_000));
        String ts = zk.create("/m/ts-", DATA, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, new Stat(), 60_000);

        // the parent's child-create counter names the sequential nodes: ps is the 3rd create, es the 4th, ts the 7th
        assertEquals("/m/ps-0000000002", ps);
        assertEquals("/m/es-0000000003", es);
        assertEquals("/m/ts-0000000006", ts);

        assertEquals(0, zk.exists("/m/p", false).getEphemeralOwner());
        assertEquals(sid, zk.exists("/m/e", false).getEphemeralOwner());
        assertEquals(0, zk.exists(ps, false).getEphemeralOwner());
        assertEquals(sid, zk.exists(es, false).getEphemeralOwner());
        assertEquals(0, zk.exists("/m/c", false).getEphemeralOwner(), "containers report ephemeralOwner 0");
        assertEquals(0, zk.exists("/m/t", false).getEphemeralOwner(), "TTL nodes report ephemeralOwner 0");
        assertEquals(0, ttlStat.getEphemeralOwner());
        assertEquals(0, zk.exists(ts, false).getEphemeralOwner());
        assertEquals(List.of("c", "e", "es-0000000003", "p", "ps-0000000002", "t", "ts-0000000006"),
                sorted(zk.getChildren("/m", false)));
        for (String child : zk.getChildren("/m", false)) {
            assertArrayEquals(DATA, zk.getData("/m/" + child, false, null), child);
        }
    }

    @Test
    void containersAndTtlNodesMayHaveChildrenButEphemeralsMayNot() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/c", null, OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create("/c/child", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/t", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 60_000);
        zk.create("/t/child", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/e", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertThrows(KeeperException.NoChildrenForEphemeralsException.class,
                () -> zk.create("/e/child", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrows(KeeperException.NoChildrenForEphemeralsException.class,
                () -> zk.create("/e/s-", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));
        assertEquals(1, zk.exists("/c", false).getNumChildren());
        assertEquals(1, zk.exists("/t", false).getNumChildren());
    }

    @Test
    void sequentialSuffixIsTheParentsCreateCounterPaddedToTenDigitsAndDeletesDoNotLowerIt() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/s", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String first = zk.create("/s/n-", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        assertEquals("/s/n-0000000000", first);
        zk.delete(first, -1);
        assertEquals("/s/n-0000000001", zk.create("/s/n-", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
        zk.create("/s/plain", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals("/s/other-0000000003", zk.create("/s/other-", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));
        // a path ending in '/' gets a bare counter as its name
        assertEquals("/s/0000000004", zk.create("/s/", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
    }

    @Test
    void create2ReturnsTheSameStatThatExistsReports() throws Exception {
        ZooKeeper zk = connect();
        Stat created = new Stat();
        zk.create("/c2", DATA, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
        Stat read = zk.exists("/c2", false);
        assertEquals(read, created);
        assertTrue(created.getCzxid() > 0);
        assertEquals(created.getCzxid(), created.getMzxid());
        assertEquals(created.getCzxid(), created.getPzxid());
        assertEquals(created.getCtime(), created.getMtime());
        assertEquals(0, created.getVersion());
        assertEquals(0, created.getCversion());
        assertEquals(0, created.getAversion());
        assertEquals(DATA.length, created.getDataLength());
        assertEquals(0, created.getNumChildren());

        Stat container = new Stat();
        zk.create("/c3", DATA, OPEN_ACL_UNSAFE, CreateMode.CONTAINER, container);
        assertEquals(zk.exists("/c3", false), container);
        Stat ttl = new Stat();
        zk.create("/c4", DATA, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, ttl, 1000);
        assertEquals(zk.exists("/c4", false), ttl);
    }

    @Test
    void nullDataStaysNullAndEmptyDataStaysEmpty() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/null", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/empty", new byte[0], OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        assertNull(zk.getData("/null", false, stat));
        assertEquals(0, stat.getDataLength());
        byte[] empty = zk.getData("/empty", false, stat);
        assertNotNull(empty);
        assertEquals(0, empty.length);
        assertEquals(0, stat.getDataLength());
    }

    @Test
    void dataJustUnderOneMebibyteRoundTrips() throws Exception {
        ZooKeeper zk = connect();
        byte[] big = new byte[1_000_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        zk.create("/big", big, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat stat = new Stat();
        assertArrayEquals(big, zk.getData("/big", false, stat));
        assertEquals(big.length, stat.getDataLength());
    }

    static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
