package io.warden.framework;

import io.warden.framework.state.ConnectionState;
import io.warden.framework.testing.TestServer;
import io.warden.retry.RetryNTimes;
import io.warden.server.WardenServer;
import io.warden.server.config.PeerRole;
import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;
import io.warden.znode.CreateMode;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher.Event.EventType;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Moving between the servers of a 3-node ensemble, a Warden ensemble and an Apache ZooKeeper one
 * (curator-test's TestingCluster): the session, its ephemerals and its watches follow the client.
 */
class EnsembleFailoverTest {
    /** Three servers on 127.0.0.1; the test kills the one the client is connected to. */
    private interface Ensemble extends AutoCloseable {
        String connectString();

        void killServerOnPort(int clientPort) throws Exception;
    }

    @TempDir
    Path dir;
    private Ensemble ensemble;
    private CuratorFramework client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    private static Ensemble zooKeeper() throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            specs.add(new InstanceSpec(null, -1, -1, -1, true, i, TestServer.TICK_MS, -1));
        }
        TestingCluster cluster = new TestingCluster(specs);
        cluster.start();
        return new Ensemble() {
            public String connectString() {
                return cluster.getConnectString();
            }

            public void killServerOnPort(int port) throws Exception {
                cluster.killServer(cluster.getInstances().stream().filter(s -> s.getPort() == port)
                        .findFirst().orElseThrow());
            }

            public void close() throws Exception {
                cluster.close();
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Ensemble warden(Path dir) throws IOException {
        List<PeerSpec> peers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            peers.add(new PeerSpec(i, "127.0.0.1", freePort(), freePort(), PeerRole.PARTICIPANT, Optional.empty()));
        }
        List<WardenServer> servers = new ArrayList<>();
        for (PeerSpec p : peers) {
            servers.add(WardenServer.start(ServerConfig.builder().tickTime(TestServer.TICK_MS).initLimit(10)
                    .syncLimit(5).dataDir(dir.resolve("server-" + p.id()))
                    .clientPortAddress(InetAddress.getLoopbackAddress()).clientPort(0)
                    .fourLetterWordWhitelist(Set.of("*")).servers(peers).serverId(p.id()).build()));
        }
        return new Ensemble() {
            public String connectString() {
                return servers.stream().map(WardenServer::connectString).collect(Collectors.joining(","));
            }

            public void killServerOnPort(int port) {
                servers.stream().filter(s -> s.clientAddress().getPort() == port).findFirst().orElseThrow().close();
            }

            public void close() {
                servers.forEach(WardenServer::close);
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"warden", "zookeeper"})
    void killingTheConnectedServerMovesTheSessionToAnotherWithItsWatches(String kind) throws Exception {
        ensemble = kind.equals("warden") ? warden(dir) : zooKeeper();
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        client = CuratorFrameworkFactory.builder().connectString(ensemble.connectString()).sessionTimeoutMs(4000)
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
        ensemble.killServerOnPort(before.getPort());

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
