package io.warden.recipes.nodes;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistentNodeTest extends RecipeTestBase {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void anEphemeralNodeComesBackOnTheNewSessionAfterItsSessionExpires(Backend backend) throws Exception {
        CuratorFramework owner = newClient(backend);
        CuratorFramework observer = newClient(backend);
        List<String> events = new CopyOnWriteArrayList<>();
        try (PersistentNode node = new PersistentNode(owner, CreateMode.EPHEMERAL, false, "/pn/expiry", bytes("a"))) {
            node.getListenable().addListener(new PersistentNodeListener() {
                @Override
                public void nodeCreated(String path) {
                    events.add("created " + path);
                }

                @Override
                public void nodeDeleted(String path) {
                    events.add("deleted " + path);
                }
            });
            node.start();
            assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
            assertEquals("/pn/expiry", node.getActualPath());
            long firstSession = owner.getZookeeperClient().getZooKeeper().getSessionId();
            assertEquals(firstSession, observer.checkExists().forPath("/pn/expiry").getEphemeralOwner());

            expireSession(owner, backend);
            waitFor("re-created by the new session", () -> {
                Stat stat = stat(observer, "/pn/expiry");
                long now = owner.getZookeeperClient().getZooKeeper().getSessionId();
                return stat != null && now != firstSession && stat.getEphemeralOwner() == now;
            });
            assertArrayEquals(bytes("a"), observer.getData().forPath("/pn/expiry"), "with its data");
            waitFor("loss and re-creation reported", () -> events.size() >= 3);
            assertEquals(List.of("created /pn/expiry", "deleted /pn/expiry", "created /pn/expiry"), events.subList(0, 3));
        }
        assertNull(observer.checkExists().forPath("/pn/expiry"), "close deletes the node");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aProtectedEphemeralNodeDeletedBySomeoneElseComesBackUnderANewNameWithTheLatestData(Backend backend)
            throws Exception {
        CuratorFramework owner = newClient(backend);
        CuratorFramework other = newClient(backend);
        try (PersistentNode node = new PersistentNode(owner, CreateMode.EPHEMERAL, true, "/pn/protected/member",
                bytes("v1"))) {
            node.start();
            assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
            String first = node.getActualPath();
            assertTrue(first.startsWith("/pn/protected/_c_") && first.endsWith("-member"), first);
            node.setData(bytes("v2"));
            waitFor("setData written in the background", () -> {
                try {
                    return java.util.Arrays.equals(bytes("v2"), other.getData().forPath(first));
                } catch (Exception e) {
                    return false;
                }
            });

            other.delete().forPath(first);
            waitFor("re-created", () -> node.getActualPath() != null && !node.getActualPath().equals(first)
                    && stat(other, node.getActualPath()) != null);
            assertArrayEquals(bytes("v2"), other.getData().forPath(node.getActualPath()), "re-created with the latest data");
            assertEquals(1, other.getChildren().forPath("/pn/protected").size(), "exactly one node, no duplicate");
        }
        assertTrue(childrenOrNone(other, "/pn/protected").isEmpty(), "close deletes it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aPersistentSequentialNodeIsReplacedAfterDeletionAndDeletedOnClose(Backend backend) throws Exception {
        CuratorFramework owner = newClient(backend);
        PersistentNode node = new PersistentNode(owner, CreateMode.PERSISTENT_SEQUENTIAL, false, "/pn/seq/n-",
                bytes("x"));
        node.start();
        assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
        String first = node.getActualPath();
        assertTrue(first.matches("/pn/seq/n-\\d{10}"), first);
        owner.delete().forPath(first);
        waitFor("replaced by a new sequence", () -> node.getActualPath() != null && !node.getActualPath().equals(first));
        String second = node.getActualPath();
        node.close();
        assertNull(owner.checkExists().forPath(second));
        // /pn/seq is a container: the reaper may already have removed it once it was empty again
        assertTrue(childrenOrNone(owner, "/pn/seq").isEmpty(), "nothing left behind");
        assertThrows(IllegalStateException.class, () -> node.waitForInitialCreate(1, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aFixedPathHeldByAnotherSessionIsNotStolenButTakenOnceFreed(Backend backend) throws Exception {
        CuratorFramework holder = newClient(backend);
        CuratorFramework waiter = newClient(backend);
        holder.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/pn/fixed", bytes("theirs"));
        try (PersistentNode node = new PersistentNode(waiter, CreateMode.EPHEMERAL, false, "/pn/fixed", bytes("ours"))) {
            node.start();
            assertFalse(node.waitForInitialCreate(300, TimeUnit.MILLISECONDS), "another live session owns the path");
            assertArrayEquals(bytes("theirs"), waiter.getData().forPath("/pn/fixed"), "their node untouched");
            assertNull(node.getActualPath());

            holder.delete().forPath("/pn/fixed");
            assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS), "created once the path was freed");
            Stat stat = waiter.checkExists().forPath("/pn/fixed");
            assertEquals(waiter.getZookeeperClient().getZooKeeper().getSessionId(), stat.getEphemeralOwner());
            assertArrayEquals(bytes("ours"), waiter.getData().forPath("/pn/fixed"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void anExistingPersistentNodeIsAdoptedWithOurData(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        client.create().creatingParentsIfNeeded().forPath("/pn/adopt", bytes("old"));
        try (PersistentNode node = new PersistentNode(client, CreateMode.PERSISTENT, false, "/pn/adopt", bytes("new"))) {
            node.start();
            assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
            waitFor("our data written", () -> {
                try {
                    return new String(client.getData().forPath("/pn/adopt"), StandardCharsets.UTF_8).equals("new");
                } catch (Exception e) {
                    return false;
                }
            });
        }
        assertNull(client.checkExists().forPath("/pn/adopt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aNodeStartedBeforeItsClientConnectsIsCreatedOnTheFirstConnect(Backend backend) throws Exception {
        CuratorFramework observer = newClient(backend);
        CuratorFramework late = io.warden.framework.CuratorFrameworkFactory.newClient(backend.connectString(),
                SESSION_TIMEOUT_MS, 5_000, new io.warden.retry.RetryOneTime(10));
        try (PersistentNode node = new PersistentNode(late, CreateMode.EPHEMERAL, false, "/pn/late", bytes("x"))) {
            node.start();
            assertFalse(node.waitForInitialCreate(100, TimeUnit.MILLISECONDS), "no client yet");
            late.start();
            assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS), "created once the client connected");
            assertEquals(late.getZookeeperClient().getZooKeeper().getSessionId(),
                    observer.checkExists().forPath("/pn/late").getEphemeralOwner());
        } finally {
            late.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aTtlNodeLivesWhileTouchedAndVanishesAfterItsOwnerStops(Backend backend) throws Exception {
        CuratorFramework observer = newClient(backend);
        CuratorFramework closedCleanly = newClient(backend);
        try (PersistentTtlNode node = new PersistentTtlNode(closedCleanly, "/pn/ttl/clean", 500, bytes("d"))) {
            node.start();
            assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
            waitFor("touch child written", () -> stat(observer, "/pn/ttl/clean/touch") != null);
            Stat touch = stat(observer, "/pn/ttl/clean/touch");
            waitFor("touched again within the TTL", () -> {
                Stat now = stat(observer, "/pn/ttl/clean/touch");
                return now != null && now.getMtime() > touch.getMtime();
            });
            assertArrayEquals(bytes("d"), observer.getData().forPath("/pn/ttl/clean"));
        }
        assertNull(stat(observer, "/pn/ttl/clean"), "close deletes node and child");

        CuratorFramework crashes = newClient(backend);
        PersistentTtlNode abandoned = new PersistentTtlNode(crashes, "/pn/ttl/abandoned", 500, bytes("d"));
        abandoned.start();
        assertTrue(abandoned.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
        waitFor("touch child written", () -> stat(observer, "/pn/ttl/abandoned/touch") != null);
        crashes.close(); // the process "dies": no more touches, and nobody deletes the nodes
        waitFor("the server removes child and container after the TTL", () -> stat(observer, "/pn/ttl/abandoned") == null);
        try {
            abandoned.close();
        } catch (java.io.IOException expected) {
            // its client is gone
        }
    }

    private static Stat stat(CuratorFramework client, String path) {
        try {
            return client.checkExists().forPath(path);
        } catch (Exception e) {
            return null;
        }
    }
    /** Children of a container parent, or none once the reaper has removed it (it may at any moment). */
    private static List<String> childrenOrNone(CuratorFramework client, String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException reaped) {
            return List.of();
        }
    }
}
