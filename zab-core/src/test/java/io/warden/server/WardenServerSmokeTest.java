package io.warden.server;

import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WardenServerSmokeTest {

    private static ZooKeeper connect(String cs) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(cs, 10_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertTrue(connected.await(10, TimeUnit.SECONDS), "connected");
        return zk;
    }

    @Test
    void officialClientWritesSurviveARestartFromTheSameDataDir(@TempDir Path dir) throws Exception {
        ServerConfig cfg = ServerConfig.builder().dataDir(dir).clientPort(0)
                .clientPortAddress(InetAddress.getLoopbackAddress()).build();
        int port;
        try (WardenServer server = WardenServer.start(cfg)) {
            port = server.clientAddress().getPort();
            ZooKeeper zk = connect(server.connectString());
            zk.create("/a", "hello".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            Stat stat = new Stat();
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), zk.getData("/a", false, stat));
            assertEquals(0, stat.getVersion());
            zk.close();
        }
        try (WardenServer server = WardenServer.start(cfg.toBuilder().clientPort(port).build())) {
            ZooKeeper zk = connect(server.connectString());
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), zk.getData("/a", false, null));
            zk.close();
        }
    }
}
