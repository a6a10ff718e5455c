package io.warden.recipes.nodes;

import io.warden.framework.CuratorFramework;
import io.warden.framework.CuratorFrameworkFactory;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import io.warden.server.compat.ToggleProxy;
import io.warden.retry.ExponentialBackoffRetry;
import io.warden.znode.CreateMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PersistentNode#setData}: never blocks on the network, and the last data given wins. */
class PersistentNodeSetDataTest extends RecipeTestBase {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String dataOf(CuratorFramework client, String path) {
        try {
            return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return null;
        }
    }

    /** The port of a single-server connect string ("127.0.0.1:port"). */
    private static int port(String connectString) {
        return Integer.parseInt(connectString.substring(connectString.lastIndexOf(':') + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setDataWhileDisconnectedReturnsAtOnceAndTheExistingNodeGetsTheLastDataAfterTheReconnect(Backend backend)
            throws Exception {
        CuratorFramework observer = newClient(backend);
        try (ToggleProxy proxy = new ToggleProxy(port(backend.connectString()));
             CuratorFramework client = CuratorFrameworkFactory.newClient(proxy.connectString(), SESSION_TIMEOUT_MS,
                     5_000, new ExponentialBackoffRetry(100, 3))) {
            client.start();
            assertTrue(client.blockUntilConnected(15, TimeUnit.SECONDS));
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            try (PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false, "/pn-data/offline",
                    bytes("v1"))) {
                node.start();
                assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));

                proxy.refuse();
                waitFor("the client notices the cut", () -> !client.getZookeeperClient().isConnected());
                node.setData(bytes("v2")); // the proxy refuses everything: a call that waited for the
                node.setData(bytes("v3")); // connection would throw ConnectionLoss here instead of returning
                assertFalse(client.getZookeeperClient().isConnected(), "both calls returned while still cut off");
                assertArrayEquals(bytes("v3"), node.getData());
                assertEquals("v1", dataOf(observer, "/pn-data/offline"), "nothing reached the server yet");

                proxy.forward();
                waitFor("the last data on the server after the reconnect",
                        () -> "v3".equals(dataOf(observer, "/pn-data/offline")));
                assertEquals(session, observer.checkExists().forPath("/pn-data/offline").getEphemeralOwner(),
                        "the same node (session kept): the data was re-applied, not carried by a re-create");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void manySetDataCallsInARowLeaveTheLastValueOnTheServer(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        CuratorFramework observer = newClient(backend);
        try (PersistentNode node = new PersistentNode(client, CreateMode.PERSISTENT, false, "/pn-data/burst",
                bytes("start"))) {
            node.start();
            assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
            for (int i = 0; i < 50; i++) {
                node.setData(bytes("v" + i));
            }
            waitFor("the last value on the server", () -> "v49".equals(dataOf(observer, "/pn-data/burst")));
            assertArrayEquals(bytes("v49"), node.getData());
            // a later write, if any were still queued, could only carry v49 again
            assertEquals("v49", dataOf(client, "/pn-data/burst"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setDataBeforeTheInitialCreateOrAfterCloseIsAnIllegalState(Backend backend) throws Exception {
        CuratorFramework holder = newClient(backend);
        CuratorFramework waiter = newClient(backend);
        holder.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/pn-data/held", bytes("theirs"));
        PersistentNode node = new PersistentNode(waiter, CreateMode.EPHEMERAL, false, "/pn-data/held", bytes("ours"));
        assertThrows(IllegalStateException.class, () -> node.setData(bytes("x")), "not started");
        node.start();
        assertFalse(node.waitForInitialCreate(200, TimeUnit.MILLISECONDS), "another session holds the path");
        assertThrows(IllegalStateException.class, () -> node.setData(bytes("x")), "initial create pending");
        assertArrayEquals(bytes("ours"), node.getData(), "a refused setData changes nothing");

        holder.delete().forPath("/pn-data/held");
        assertTrue(node.waitForInitialCreate(WAIT_S, TimeUnit.SECONDS));
        assertThrows(NullPointerException.class, () -> node.setData(null));
        node.setData(bytes("later"));
        waitFor("written once created", () -> "later".equals(dataOf(holder, "/pn-data/held")));
        node.close();
        assertThrows(IllegalStateException.class, () -> node.setData(bytes("x")), "closed");
    }
}
