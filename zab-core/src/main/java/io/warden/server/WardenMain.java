package io.warden.server;

import io.warden.server.config.ConfigException;
import io.warden.server.config.ServerConfig;
import io.warden.server.config.ZooCfgParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/warden-server [zoo.cfg]}: runs a server in the foreground until SIGTERM / Ctrl-C.
 * Without an argument it uses the embedded defaults: 127.0.0.1:2181, data in ./data.
 */
public final class WardenMain {
    private static final Logger LOG = LoggerFactory.getLogger(WardenMain.class);

    private WardenMain() {}

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = args.length == 0
                    ? ServerConfig.builder().clientPortAddress(InetAddress.getLoopbackAddress()).build()
                    : ZooCfgParser.parse(Path.of(args[0]));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        WardenServer server;
        try {
            server = WardenServer.start(config);
        } catch (IOException | RuntimeException e) {
            LOG.error("Warden failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        LOG.info("Warden serving on {} with data in {}", server.connectString(), config.dataDir().toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down");
            server.close();
            stopped.countDown();
        }, "warden-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
