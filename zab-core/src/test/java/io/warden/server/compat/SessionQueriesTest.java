package io.warden.server.compat;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ClientInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sync, getEphemerals, getAllChildrenNumber and whoAmI with the official client. */
class SessionQueriesTest extends CompatTestBase {

    @Test
    void syncSucceedsAndEchoesThePath() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/s", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.sync("/s");
        CompletableFuture<String> echoed = new CompletableFuture<>();
        zk.sync("/s", (AsyncCallback.VoidCallback) (rc, path, ctx) -> {
            if (rc == 0) {
                echoed.complete(path);
            } else {
                echoed.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc)));
            }
        }, null);
        assertEquals("/s", echoed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void getEphemeralsListsOnlyTheCallersEphemeralsFilteredByPrefix() throws Exception {
        ZooKeeper a = connect();
        ZooKeeper b = connect();
        a.create("/dir", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        a.create("/e1", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        a.create("/dir/e2", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        String seq = a.create("/dir/s-", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        b.create("/dir/other", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertEquals(List.of("/dir/e2", seq, "/e1"), CreateModesTest.sorted(a.getEphemerals()));
        assertEquals(List.of("/dir/e2", seq, "/e1"), CreateModesTest.sorted(a.getEphemerals("/")));
        assertEquals(List.of("/dir/e2", seq), CreateModesTest.sorted(a.getEphemerals("/dir")));
        assertEquals(List.of("/dir/e2"), a.getEphemerals("/dir/e"));
        assertEquals(List.of("/dir/other"), b.getEphemerals());
        assertEquals(List.of(), b.getEphemerals("/e"));
    }

    @Test
    void getAllChildrenNumberCountsEveryDescendant() throws Exception {
        ZooKeeper zk = connect();
        assertEquals(2, zk.getAllChildrenNumber("/zookeeper"));
        assertEquals(3, zk.getAllChildrenNumber("/"), "/zookeeper, /zookeeper/config, /zookeeper/quota");
        zk.create("/n", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/n/a", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/n/a/b", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/n/c", null, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertEquals(3, zk.getAllChildrenNumber("/n"));
        assertEquals(1, zk.getAllChildrenNumber("/n/a"));
        assertEquals(0, zk.getAllChildrenNumber("/n/c"));
        assertEquals(7, zk.getAllChildrenNumber("/"));
    }

    @Test
    void whoAmIReportsTheIpIdAndAddedDigestIds() throws Exception {
        ZooKeeper zk = connect();
        List<ClientInfo> anonymous = zk.whoAmI();
        assertEquals(1, anonymous.size(), String.valueOf(anonymous));
        assertEquals("ip", anonymous.get(0).getAuthScheme());
        assertEquals("127.0.0.1", anonymous.get(0).getUser());

        zk.addAuthInfo("digest", "alice:secret".getBytes());
        List<ClientInfo> withDigest = zk.whoAmI();
        assertEquals(2, withDigest.size(), String.valueOf(withDigest));
        assertTrue(withDigest.contains(new ClientInfo("ip", "127.0.0.1")), String.valueOf(withDigest));
        assertTrue(withDigest.contains(new ClientInfo("digest", "alice")), String.valueOf(withDigest));
    }
}
