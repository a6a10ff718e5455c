package io.warden.framework;

import io.warden.framework.state.ConnectionState;
import io.warden.framework.testing.TestServer;
import io.warden.retry.RetryNTimes;
import io.warden.znode.CreateMode;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher.Event.EventType;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Moving between the servers of a 3-node ensemble (Apache ZooKeeper via curator-test's TestingCluster
 * until a Warden ensemble exists): the session, its ephemerals and its watches follow the client.
 */
class EnsembleZooKeeperTest {
    private TestingCluster cluster;
    private CuratorFramework client;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            specs.add(new InstanceSpec(null, -1, -1, -1, true, i, TestServer.TICK_MS, -1));
        }
        cluster = new TestingCluster(specs);
        cluster.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        cluster.close();
    }

    @Test
    void killingTheConnectedServerMovesTheSessionToAnotherWithItsWatches() throws Exception {
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        client = CuratorFrameworkFactory.builder().connectString(cluster.getConnectString()).sessionTimeoutMs(4000)
                .connectionTimeoutMs(3000).retryPolicy(new RetryNTimes(10, 100)).build();
        client.getConnectionStateListenable().addListener((c, s) -> states.add(s));
        client.start();
        assertEquals(ConnectionState.CONNECTED, states.poll(20, TimeUnit.SECONDS));
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        client.create().withMode(CreateMode.EPHEMERAL).forPath("/eph", "e".getBytes(StandardCharsets.UTF_8));
        client.create().forPath("/w", new byte[0]);
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        client.getData().usingWatcher((io.warden.znode.Watcher) e -> {
            if (e.getType() != EventType.None) {
                events.add(e);
            }
        }).forPath("/w");

        InetSocketAddress before = client.getZookeeperClient().getZooKeeper().getCurrentHost();
        InstanceSpec connected = cluster.getInstances().stream().filter(s -> s.getPort() == before.getPort())
                .findFirst().orElseThrow();
        cluster.killServer(connected);

        assertEquals(ConnectionState.SUSPENDED, states.poll(20, TimeUnit.SECONDS));
        assertEquals(ConnectionState.RECONNECTED, states.poll(20, TimeUnit.SECONDS));
        assertEquals(session, client.getZookeeperClient().getZooKeeper().getSessionId());
        assertNotEquals(before.getPort(), client.getZookeeperClient().getZooKeeper().getCurrentHost().getPort());
        assertNotNull(client.checkExists().forPath("/eph"));
        client.setData().forPath("/w", "x".getBytes(StandardCharsets.UTF_8));
        WatchedEvent e = events.poll(20, TimeUnit.SECONDS);
        assertNotNull(e, "the watch moved with the session");
        assertEquals(EventType.NodeDataChanged, e.getType());
    }
}
