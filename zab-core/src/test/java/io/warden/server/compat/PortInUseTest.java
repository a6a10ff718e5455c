package io.warden.server.compat;

import io.warden.server.WardenServer;
import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client port that is already taken fails start-up with an IOException and leaves the data dir usable. */
@Timeout(60)
class PortInUseTest {
    @TempDir
    Path tmp;

    @Test
    void startOnABusyPortThrowsIOExceptionAndReleasesTheDataDir() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (WardenTestServer first = WardenTestServer.start(dataDir)) {
            ZooKeeper zk = new ZooKeeper(first.connectString(), 4000, new Events());
            try {
                Poll.until("connected", () -> zk.getState() == ZooKeeper.States.CONNECTED);
                zk.create("/kept", new byte[]{1}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } finally {
                zk.close();
            }
        }
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerConfig onBusyPort = ServerConfig.builder().dataDir(dataDir).clientPort(busy.getLocalPort())
                    .clientPortAddress(InetAddress.getLoopbackAddress()).tickTime(WardenTestServer.TICK_MS).build();
            IOException e = assertThrows(IOException.class, () -> WardenServer.start(onBusyPort).close());
            assertTrue(String.valueOf(e.getMessage()).contains(Integer.toString(busy.getLocalPort())),
                    "the error names the port: " + e);
        }
        // the failed start released everything it opened: the same data dir starts and serves again
        try (WardenTestServer again = WardenTestServer.start(dataDir)) {
            ZooKeeper zk = new ZooKeeper(again.connectString(), 4000, new Events());
            try {
                Poll.until("connected", () -> zk.getState() == ZooKeeper.States.CONNECTED);
                assertArrayEquals(new byte[]{1}, zk.getData("/kept", false, null));
            } finally {
                zk.close();
            }
        }
    }
}
