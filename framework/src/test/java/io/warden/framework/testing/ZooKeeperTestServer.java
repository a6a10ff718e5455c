package io.warden.framework.testing;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.io.File;
import java.nio.file.Files;

/** Apache ZooKeeper 3.9.3 (curator-test's TestingServer) with extended types (TTL) enabled. */
public final class ZooKeeperTestServer implements TestServer {
    private final TestingServer server;

    private ZooKeeperTestServer(TestingServer server) {
        this.server = server;
    }

    public static TestServer start() throws Exception {
        System.setProperty("zookeeper.extendedTypesEnabled", "true");
        System.setProperty("zookeeper.admin.enableServer", "false");
        File dir = Files.createTempDirectory("warden-zk").toFile();
        InstanceSpec spec = new InstanceSpec(dir, -1, -1, -1, true, 1, TICK_MS, -1);
        return new ZooKeeperTestServer(new TestingServer(spec, true));
    }

    @Override
    public String connectString() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }

    @Override
    public void restart() throws Exception {
        server.restart();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
