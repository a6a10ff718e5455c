package io.warden.testing;

import io.warden.framework.CuratorFramework;
import io.warden.framework.CuratorFrameworkFactory;
import io.warden.retry.RetryOneTime;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestingServerTest {
    private static final Duration CONNECT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @Test
    void aNewServerServesTheOfficialClientOnItsConnectString() throws Exception {
        try (TestingServer server = new TestingServer();
             ZooKeeper zk = Zk.connect(server.getConnectString(), CONNECT)) {
            assertEquals("127.0.0.1:" + server.getPort(), server.getConnectString());
            assertTrue(server.getPort() > 0, "an ephemeral port was chosen");
            Zk.create(zk, "/hello", "world");
            assertEquals("world", Zk.read(zk, "/hello"));
        }
    }

    @Test
    void stopKeepsPortAndDataAndStartBringsThemBack() throws Exception {
        try (TestingServer server = new TestingServer()) {
            int port = server.getPort();
            try (ZooKeeper zk = Zk.connect(server.getConnectString(), CONNECT)) {
                Zk.create(zk, "/kept", "v1");
            }
            server.stop();
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", port)),
                    "nothing listens while stopped");
            assertTrue(Files.isDirectory(server.getTempDirectory().toPath()), "data kept while stopped");

            server.start();

            assertEquals(port, server.getPort());
            try (ZooKeeper zk = Zk.connect(server.getConnectString(), CONNECT)) {
                assertEquals("v1", Zk.read(zk, "/kept"));
            }
        }
    }

    @Test
    void restartKeepsEveryAcknowledgedWrite() throws Exception {
        try (TestingServer server = new TestingServer()) {
            try (ZooKeeper zk = Zk.connect(server.getConnectString(), CONNECT)) {
                for (int i = 0; i < 50; i++) {
                    Zk.create(zk, "/n" + i, "d" + i);
                }
            }
            server.restart();
            try (ZooKeeper zk = Zk.connect(server.getConnectString(), CONNECT)) {
                for (int i = 0; i < 50; i++) {
                    assertEquals("d" + i, Zk.read(zk, "/n" + i));
                }
            }
        }
    }

    @Test
    void anUnstartedServerHasItsPortFixedAndServesThereOnceStarted() throws Exception {
        try (TestingServer server = new TestingServer(0, false)) {
            int port = server.getPort();
            assertTrue(server.server().isEmpty());
            server.start();
            assertEquals(port, server.server().orElseThrow().clientAddress().getPort());
            try (ZooKeeper zk = Zk.connect(server.getConnectString(), CONNECT)) {
                assertEquals(0, zk.getChildren("/", false).stream().filter(c -> !c.equals("zookeeper")).count());
            }
        }
    }

    @Test
    void closeDeletesTheTemporaryDirectoryButKeepsOneThatWasPassedIn() throws Exception {
        TestingServer temp = new TestingServer();
        File created = temp.getTempDirectory();
        temp.close();
        assertFalse(created.exists(), "temporary data deleted on close");
        temp.close(); // idempotent
        assertThrows(IllegalStateException.class, temp::start);

        File mine = tmp.resolve("mine").toFile();
        try (TestingServer server = new TestingServer(0, mine);
             ZooKeeper zk = Zk.connect(server.getConnectString(), CONNECT)) {
            Zk.create(zk, "/x", "y");
        }
        assertTrue(mine.isDirectory() && mine.list().length > 0, "a given directory and its data are kept");
        try (TestingServer again = new TestingServer(0, mine);
             ZooKeeper zk = Zk.connect(again.getConnectString(), CONNECT)) {
            assertEquals("y", Zk.read(zk, "/x"), "a new server on the kept directory recovers the data");
        }
    }

    @Test
    void wardensOwnFrameworkWorksAgainstIt() throws Exception {
        try (TestingServer server = new TestingServer();
             CuratorFramework client = CuratorFrameworkFactory.newClient(server.getConnectString(),
                     new RetryOneTime(100))) {
            client.start();
            client.create().creatingParentsIfNeeded().forPath("/a/b", "c".getBytes(StandardCharsets.UTF_8));
            assertEquals("c", new String(client.getData().forPath("/a/b"), StandardCharsets.UTF_8));
            server.restart();
            assertEquals("c", new String(client.getData().forPath("/a/b"), StandardCharsets.UTF_8),
                    "the framework reconnects to the restarted server and reads the kept node");
        }
    }
}
