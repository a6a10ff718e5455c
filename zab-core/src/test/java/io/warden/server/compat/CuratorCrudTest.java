package io.warden.server.compat;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.CuratorEventType;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CuratorFramework 5.7.1 CRUD against Warden: parent containers, protection, versions, transactions, background. */
class CuratorCrudTest extends CompatTestBase {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createWithParentContainersThenReadUpdateDelete() throws Exception {
        CuratorFramework client = curator();
        client.create().creatingParentContainersIfNeeded().forPath("/app/config/db", utf8("v1"));
        assertNotNull(client.checkExists().forPath("/app"));
        assertNotNull(client.checkExists().forPath("/app/config"));
        assertEquals(0, client.checkExists().forPath("/app").getEphemeralOwner(), "parent containers report owner 0");

        Stat stat = new Stat();
        assertArrayEquals(utf8("v1"), client.getData().storingStatIn(stat).forPath("/app/config/db"));
        client.setData().withVersion(stat.getVersion()).forPath("/app/config/db", utf8("v2"));
        assertThrows(KeeperException.BadVersionException.class,
                () -> client.setData().withVersion(stat.getVersion()).forPath("/app/config/db", utf8("v3")));
        assertArrayEquals(utf8("v2"), client.getData().forPath("/app/config/db"));
        assertEquals(List.of("db"), client.getChildren().forPath("/app/config"));

        client.delete().guaranteed().deletingChildrenIfNeeded().forPath("/app");
        assertNull(client.checkExists().forPath("/app"));
    }

    @Test
    void protectedEphemeralSequentialNodesCarryTheProtectionPrefix() throws Exception {
        CuratorFramework client = curator();
        String path = client.create().creatingParentsIfNeeded().withProtection()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath("/prot/node", utf8("x"));
        assertTrue(path.matches("/prot/_c_[0-9a-f-]{36}-node\\d{10}"), path);
        assertEquals(client.getZookeeperClient().getZooKeeper().getSessionId(),
                client.checkExists().forPath(path).getEphemeralOwner());
        assertArrayEquals(utf8("x"), client.getData().forPath(path));
    }

    @Test
    void ttlNodesWorkWithoutAnySystemProperty() throws Exception {
        CuratorFramework client = curator();
        client.create().withTtl(60_000).withMode(CreateMode.PERSISTENT_WITH_TTL).forPath("/ttl", utf8("t"));
        assertEquals(0, client.checkExists().forPath("/ttl").getEphemeralOwner());
        assertArrayEquals(utf8("t"), client.getData().forPath("/ttl"));
    }

    @Test
    void transactionsCommitAllOrNothing() throws Exception {
        CuratorFramework client = curator();
        CuratorOp a = client.transactionOp().create().forPath("/tx", utf8("a"));
        CuratorOp b = client.transactionOp().create().forPath("/tx/b", utf8("b"));
        CuratorOp c = client.transactionOp().setData().forPath("/tx", utf8("a2"));
        List<CuratorTransactionResult> results = client.transaction().forOperations(a, b, c);
        assertEquals(3, results.size());
        assertArrayEquals(utf8("a2"), client.getData().forPath("/tx"));

        CuratorOp ok = client.transactionOp().create().forPath("/tx/c");
        CuratorOp bad = client.transactionOp().delete().forPath("/missing");
        assertThrows(KeeperException.NoNodeException.class, () -> client.transaction().forOperations(ok, bad));
        assertNull(client.checkExists().forPath("/tx/c"));
    }

    @Test
    void backgroundOperationsAndNamespacesWork() throws Exception {
        CuratorFramework client = curator();
        CompletableFuture<CuratorEvent> done = new CompletableFuture<>();
        client.create().creatingParentsIfNeeded().inBackground((c, event) -> done.complete(event))
                .forPath("/bg/node", utf8("b"));
        CuratorEvent event = done.get(10, TimeUnit.SECONDS);
        assertEquals(CuratorEventType.CREATE, event.getType());
        assertEquals(0, event.getResultCode());
        assertEquals("/bg/node", event.getName());

        CuratorFramework ns = client.usingNamespace("tenant");
        ns.create().forPath("/x", utf8("n"));
        assertArrayEquals(utf8("n"), client.getData().forPath("/tenant/x"));
        assertEquals(List.of("x"), ns.getChildren().forPath("/"));
    }
}
