package io.warden.framework;

import io.warden.framework.api.CreateBuilder;
import io.warden.framework.api.NodeData;
import io.warden.retry.RetryPolicy;
import io.warden.retry.RetrySleeper;
import io.warden.znode.ACL;
import io.warden.znode.CreateMode;
import io.warden.znode.Id;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;
import io.warden.znode.ZooDefs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every foreground builder and modifier, against the backend of the concrete subclass. */
public abstract class CrudSuite extends SuiteBase {

    @Test
    void createReturnsPathAndGetDataReadsItBackWithStat() throws Exception {
        client.create().forPath(base, bytes("root"));
        Stat created = new Stat();
        String p = client.create().storingStatIn(created).forPath(path("/a"), bytes("hello"));
        assertEquals(path("/a"), p);
        assertTrue(created.getCzxid() > 0);
        Stat read = new Stat();
        assertEquals("hello", str(client.getData().storingStatIn(read).forPath(p)));
        assertEquals(created.getCzxid(), read.getCzxid());
        assertEquals(5, read.getDataLength());
    }

    @Test
    void createWithoutDataStoresTheDefaultData() throws Exception {
        CuratorFramework c = newClient(b -> b.defaultData(bytes("dflt")));
        c.create().forPath(base);
        assertEquals("dflt", str(c.getData().forPath(base)));
    }

    @Test
    void creatingParentsIfNeededMakesMissingParentsAndPlainCreateDoesNot() throws Exception {
        assertThrows(KeeperException.NoNodeException.class, () -> client.create().forPath(path("/x/y"), bytes("")));
        client.create().creatingParentsIfNeeded().forPath(path("/x/y/z"), bytes("deep"));
        assertEquals("deep", str(client.getData().forPath(path("/x/y/z"))));
        assertEquals(0, client.checkExists().forPath(path("/x")).getEphemeralOwner());
    }

    @Test
    void creatingParentContainersIfNeededMakesTheParents() throws Exception {
        client.create().creatingParentContainersIfNeeded().forPath(path("/c/leaf"), bytes("v"));
        assertNotNull(client.checkExists().forPath(path("/c")));
        assertEquals(List.of("leaf"), client.getChildren().forPath(path("/c")));
    }

    @Test
    void sequentialModeAppendsATenDigitCounter() throws Exception {
        client.create().forPath(base);
        String first = client.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(path("/s-"), bytes(""));
        String second = client.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(path("/s-"), bytes(""));
        assertTrue(first.matches(".*/s-\\d{10}"), first);
        assertTrue(second.compareTo(first) > 0);
    }

    @Test
    void ephemeralNodeBelongsToTheSessionAndDisappearsWithIt() throws Exception {
        client.create().forPath(base);
        CuratorFramework other = newClient(b -> b);
        other.create().withMode(CreateMode.EPHEMERAL).forPath(path("/e"), bytes(""));
        Stat s = client.checkExists().forPath(path("/e"));
        assertEquals(other.getZookeeperClient().getZooKeeper().getSessionId(), s.getEphemeralOwner());
        other.close();
        assertNull(client.checkExists().forPath(path("/e")));
    }

    @Test
    void withProtectionPrefixesTheNameWithAUniqueId() throws Exception {
        client.create().forPath(base);
        String p = client.create().withProtectedEphemeralSequential().forPath(path("/lock-"), bytes(""));
        String name = p.substring(p.lastIndexOf('/') + 1);
        assertTrue(name.startsWith(CreateBuilder.PROTECTED_PREFIX), name);
        assertTrue(name.matches("_c_[0-9a-f-]{36}-lock-\\d{10}"), name);
    }

    @Test
    void ttlNodesNeedATtlAndAreCreatedWithOne() throws Exception {
        client.create().forPath(base);
        assertThrows(IllegalArgumentException.class,
                () -> client.create().withMode(CreateMode.PERSISTENT_WITH_TTL).forPath(path("/ttl"), bytes("")));
        client.create().withMode(CreateMode.PERSISTENT_WITH_TTL).withTtl(60_000).forPath(path("/ttl"), bytes("t"));
        Stat s = client.checkExists().forPath(path("/ttl"));
        assertEquals(0, s.getEphemeralOwner());
        assertEquals("t", str(client.getData().forPath(path("/ttl"))));
    }

    @Test
    void orSetDataOverwritesAnExistingNode() throws Exception {
        client.create().forPath(base, bytes("one"));
        String p = client.create().orSetData().forPath(base, bytes("two"));
        assertEquals(base, p);
        assertEquals("two", str(client.getData().forPath(base)));
    }

    @Test
    void idempotentCreateAcceptsSameDataAndRejectsDifferentData() throws Exception {
        client.create().forPath(base, bytes("same"));
        assertEquals(base, client.create().idempotent().forPath(base, bytes("same")));
        assertThrows(KeeperException.NodeExistsException.class,
                () -> client.create().idempotent().forPath(base, bytes("other")));
    }

    @Test
    void nodeExistsAndBadVersionAreNeverRetried() throws Exception {
        AtomicInteger retries = new AtomicInteger();
        RetryPolicy counting = new RetryPolicy() {
            @Override
            public boolean allowRetry(int retryCount, long elapsedTimeMs, RetrySleeper sleeper) {
                retries.incrementAndGet();
                return true;
            }
        };
        CuratorFramework c = newClient(b -> b.retryPolicy(counting));
        c.create().forPath(base, bytes(""));
        assertThrows(KeeperException.NodeExistsException.class, () -> c.create().forPath(base, bytes("")));
        assertThrows(KeeperException.BadVersionException.class, () -> c.setData().withVersion(7).forPath(base, bytes("")));
        assertEquals(0, retries.get());
    }

    @Test
    void setDataWithVersionChecksTheVersion() throws Exception {
        client.create().forPath(base, bytes("v0"));
        Stat s1 = client.setData().withVersion(0).forPath(base, bytes("v1"));
        assertEquals(1, s1.getVersion());
        assertThrows(KeeperException.BadVersionException.class, () -> client.setData().withVersion(0).forPath(base, bytes("x")));
        assertEquals(2, client.setData().idempotent().withVersion(1).forPath(base, bytes("v2")).getVersion());
        assertEquals("v2", str(client.getData().forPath(base)));
    }

    @Test
    void deleteModifiers() throws Exception {
        client.create().creatingParentsIfNeeded().forPath(path("/d/a/b"), bytes(""));
        assertThrows(KeeperException.NotEmptyException.class, () -> client.delete().forPath(path("/d")));
        client.delete().deletingChildrenIfNeeded().forPath(path("/d"));
        assertNull(client.checkExists().forPath(path("/d")));
        assertThrows(KeeperException.NoNodeException.class, () -> client.delete().forPath(path("/d")));
        client.delete().quietly().forPath(path("/d"));
        client.create().forPath(path("/v"), bytes(""));
        assertThrows(KeeperException.BadVersionException.class, () -> client.delete().withVersion(3).forPath(path("/v")));
        client.delete().guaranteed().withVersion(0).forPath(path("/v"));
        assertNull(client.checkExists().forPath(path("/v")));
        client.delete().idempotent().quietly().forPath(path("/v"));
    }

    @Test
    void compressedDataRoundTripsAndIsStoredAsGzip() throws Exception {
        byte[] data = bytes("compress me ".repeat(100));
        client.create().compressed().forPath(base, data);
        byte[] raw = client.getData().forPath(base);
        assertEquals((byte) 0x1f, raw[0]);
        assertEquals((byte) 0x8b, raw[1]);
        assertTrue(raw.length < data.length);
        assertArrayEquals(data, client.getData().decompressed().forPath(base));
        client.setData().compressed().forPath(base, bytes("again"));
        assertEquals("again", str(client.getData().decompressed().forPath(base)));
        CuratorFramework auto = newClient(b -> b.enableCompression());
        assertEquals("again", str(auto.getData().forPath(base)));
    }

    @Test
    void checkExistsReturnsNullForMissingNodesAndCanCreateParentContainers() throws Exception {
        assertNull(client.checkExists().forPath(path("/nope")));
        assertNull(client.checkExists().creatingParentContainersIfNeeded().forPath(path("/p/q/child")));
        assertNotNull(client.checkExists().forPath(path("/p/q")));
    }

    @Test
    void getChildrenListsNamesAndStoresTheParentStat() throws Exception {
        client.create().forPath(base);
        for (String n : List.of("c", "a", "b")) {
            client.create().forPath(path("/" + n), bytes(""));
        }
        Stat s = new Stat();
        List<String> children = new ArrayList<>(client.getChildren().storingStatIn(s).forPath(base));
        Collections.sort(children);
        assertEquals(List.of("a", "b", "c"), children);
        assertEquals(3, s.getNumChildren());
    }

    @Test
    void getDataWithStatReturnsDataAndStatTogether() throws Exception {
        client.create().forPath(base, bytes("rec"));
        NodeData d = client.getData().withStat().forPath(base);
        assertEquals("rec", str(d.data()));
        assertEquals(0, d.stat().getVersion());
        assertEquals(base, d.path());
    }

    @Test
    void setAclChangesTheAclAndChecksItsVersion() throws Exception {
        client.create().forPath(base, bytes(""));
        assertEquals(ZooDefs.Ids.OPEN_ACL_UNSAFE, client.getACL().forPath(base));
        assertEquals(1, client.setACL().withVersion(0).withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(base).getAversion());
        assertThrows(KeeperException.BadVersionException.class,
                () -> client.setACL().withVersion(0).withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(base));
        List<ACL> readOnly = ZooDefs.Ids.READ_ACL_UNSAFE;
        client.setACL().withACL(readOnly).forPath(base);
        Stat read = new Stat();
        assertEquals(readOnly, client.getACL().storingStatIn(read).forPath(base));
        assertEquals(2, read.getAversion());
        assertThrows(KeeperException.NoAuthException.class, () -> client.setData().forPath(base, bytes("x")));
    }

    @Test
    void digestAuthorizationProtectsCreatorOnlyNodes() throws Exception {
        CuratorFramework alice = newClient(b -> b.authorization("digest", bytes("alice:secret")));
        alice.create().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath(base, bytes("private"));
        List<ACL> acl = alice.getACL().forPath(base);
        assertEquals(new Id("digest", "alice:" + digest("alice:secret")), acl.get(0).id());
        assertThrows(KeeperException.NoAuthException.class, () -> client.getData().forPath(base));
        CuratorFramework alice2 = newClient(b -> b.authorization("digest", bytes("alice:secret")));
        assertEquals("private", str(alice2.getData().forPath(base)));
    }

    private static String digest(String idPassword) throws Exception {
        byte[] sha = java.security.MessageDigest.getInstance("SHA1").digest(bytes(idPassword));
        return java.util.Base64.getEncoder().encodeToString(sha);
    }

    @Test
    void syncCompletesInForegroundAndBackground() throws Exception {
        client.create().forPath(base, bytes(""));
        client.sync().forPath(base);
        java.util.concurrent.CompletableFuture<Integer> rc = new java.util.concurrent.CompletableFuture<>();
        client.sync().inBackground((c, e) -> rc.complete(e.getResultCode())).forPath(base);
        assertEquals(0, rc.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void createContainersMakesTheWholePath() throws Exception {
        client.createContainers(path("/k1/k2"));
        assertNotNull(client.checkExists().forPath(path("/k1/k2")));
        client.createContainers(path("/k1/k2"));
    }

    @Test
    void chrootInTheConnectStringPrefixesEveryPath() throws Exception {
        client.create().forPath(base, bytes(""));
        CuratorFramework chrooted = newClient(b -> b.connectString(server.connectString() + base));
        assertEquals("/inner", chrooted.create().forPath("/inner", bytes("c")));
        assertEquals("c", str(client.getData().forPath(path("/inner"))));
        assertEquals(List.of("inner"), chrooted.getChildren().forPath("/"));
    }

    @Test
    void transactionsCommitAllOrNothing() throws Exception {
        client.create().forPath(base, bytes(""));
        var results = client.transaction().forOperations(
                client.transactionOp().create().forPath(path("/t1"), bytes("1")),
                client.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(path("/s-"), bytes("")),
                client.transactionOp().setData().forPath(base, bytes("root")),
                client.transactionOp().check().withVersion(1).forPath(base));
        assertEquals(4, results.size());
        assertEquals(path("/t1"), results.get(0).getResultPath());
        assertTrue(results.get(1).getResultPath().matches(".*/s-\\d{10}"));
        assertEquals(1, results.get(2).getResultStat().getVersion());
        KeeperException e = assertThrows(KeeperException.NodeExistsException.class, () -> client.transaction().forOperations(
                client.transactionOp().create().forPath(path("/t2"), bytes("")),
                client.transactionOp().create().forPath(path("/t1"), bytes(""))));
        assertNotNull(e.getResults());
        assertNull(client.checkExists().forPath(path("/t2")), "the first op was rolled back");
        client.transaction().forOperations(client.transactionOp().delete().forPath(path("/t1")));
        assertNull(client.checkExists().forPath(path("/t1")));
    }

    @Test
    void namespacePrefixesPathsAndIsCreatedOnFirstUse() throws Exception {
        String ns = base.substring(1) + "_ns";
        CuratorFramework c = newClient(b -> b.namespace(ns));
        assertEquals("/a", c.create().forPath("/a", bytes("in ns")));
        assertEquals("in ns", str(client.getData().forPath("/" + ns + "/a")));
        CuratorFramework view = client.usingNamespace(ns);
        assertEquals(ns, view.getNamespace());
        assertEquals(List.of("a"), view.getChildren().forPath("/"));
        assertEquals("/b", view.create().forPath("/b", bytes("")));
        assertThrows(UnsupportedOperationException.class, view::close);
    }

    @Test
    void invalidPathsFailBeforeAnythingIsSent() throws Exception {
        for (String bad : List.of("", "no-slash", "/trailing/", "/double//slash", "/dot/./x", "/nul\u0000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.create().forPath(bad, bytes("")));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> client.getData().forPath("relative"));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> client.create().withProtection().forPath("relative", bytes("")));
        assertTrue(p.getMessage().contains("\"relative\""), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.transactionOp().create().forPath("/bad/", bytes("")));
        assertThrows(IllegalArgumentException.class, () -> client.watchers().add().forPath("/x/../y"));
        assertTrue(client.getZookeeperClient().isConnected(), "connection untouched");
    }

    @Test
    void oversizedDataIsRefusedAndTheConnectionSurvives() throws Exception {
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        byte[] huge = new byte[1_100_000];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.create().forPath(base, huge));
        assertTrue(e.getMessage().contains("jute.maxbuffer"), e.getMessage());
        assertNull(client.checkExists().forPath(base), "nothing half-done");
        client.create().forPath(base, bytes("fine"));
        assertEquals(session, client.getZookeeperClient().getZooKeeper().getSessionId());
    }

    @Test
    void operationsBeforeStartAndAfterCloseThrowIllegalState() throws Exception {
        CuratorFramework fresh = CuratorFrameworkFactory.newClient(server.connectString(), new io.warden.retry.RetryOneTime(10));
        assertEquals(CuratorFrameworkState.LATENT, fresh.getState());
        assertThrows(IllegalStateException.class, () -> fresh.create().forPath(base));
        fresh.start();
        assertThrows(IllegalStateException.class, fresh::start);
        fresh.close();
        assertEquals(CuratorFrameworkState.STOPPED, fresh.getState());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fresh.getData().forPath(base));
        assertTrue(e.getMessage().contains("STOPPED"), e.getMessage());
    }

    @Test
    void zkPathsBlockingHelpersMakeAndRemoveTrees() throws Exception {
        var zk = client.getZookeeperClient().getZooKeeper();
        io.warden.framework.utils.ZKPaths.mkdirs(zk, path("/m/n/o"));
        assertNotNull(client.checkExists().forPath(path("/m/n/o")));
        client.create().forPath(path("/m/b"), bytes(""));
        client.create().forPath(path("/m/a"), bytes(""));
        assertEquals(List.of("a", "b", "n"), io.warden.framework.utils.ZKPaths.getSortedChildren(zk, path("/m")));
        io.warden.framework.utils.ZKPaths.deleteChildren(zk, path("/m"), false);
        assertEquals(List.of(), client.getChildren().forPath(path("/m")));
        io.warden.framework.utils.ZKPaths.deleteChildren(zk, path("/m"), true);
        assertNull(client.checkExists().forPath(path("/m")));
    }
}
