package io.warden.recipes.test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server the recipe suites run against: a real Apache ZooKeeper 3.9.3 (curator-test's
 * TestingServer) or a Warden server. Started lazily on first use, on a loopback ephemeral port.
 */
public interface Backend extends AutoCloseable {
    /** How often both servers look for emptied containers and expired TTL nodes. */
    long REAPER_INTERVAL_MS = 200;

    String name();

    String connectString() throws Exception;

    @Override
    void close() throws IOException;

    /** Apache ZooKeeper 3.9.3 via curator-test. */
    final class ZooKeeperBackend implements Backend {
        private org.apache.curator.test.TestingServer server;

        @Override
        public String name() {
            return "zookeeper-3.9.3";
        }

        @Override
        public synchronized String connectString() throws Exception {
            if (server == null) {
                // TTL nodes need extended types; a short reaper interval lets tests see TTL/container expiry
                System.setProperty("zookeeper.extendedTypesEnabled", "true");
                System.setProperty("znode.container.checkIntervalMs", String.valueOf(REAPER_INTERVAL_MS));
                server = new org.apache.curator.test.TestingServer(-1, true);
            }
            return server.getConnectString();
        }

        @Override
        public synchronized void close() throws IOException {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** A standalone Warden server. */
    final class WardenBackend implements Backend {
        private io.warden.server.WardenServer server;
        private Path dir;

        @Override
        public String name() {
            return "warden";
        }

        @Override
        public synchronized String connectString() throws Exception {
            if (server == null) {
                dir = Files.createTempDirectory("warden-recipes");
                server = io.warden.server.WardenServer.start(io.warden.server.config.ServerConfig.builder()
                        .dataDir(dir).clientPort(0).clientPortAddress(InetAddress.getLoopbackAddress()).build(),
                        java.time.Clock.systemUTC(), REAPER_INTERVAL_MS);
            }
            return server.connectString();
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
