package io.warden.framework.testing;

import io.warden.server.WardenServer;
import io.warden.server.config.ServerConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A standalone Warden server on 127.0.0.1: port 0 at first, then the same port and data dir across
 * {@link #stop()} / {@link #restart()}, so sessions survive a restart within their timeout.
 */
public final class WardenTestServer implements TestServer {
    private static final long REAPER_INTERVAL_MS = 500;

    private final Path dataDir;
    private ServerConfig config;
    private WardenServer server;

    private WardenTestServer(Path dataDir, ServerConfig config, WardenServer server) {
        this.dataDir = dataDir;
        this.config = config;
        this.server = server;
    }

    public static TestServer start() throws Exception {
        Path dir = Files.createTempDirectory("warden-server");
        ServerConfig cfg = ServerConfig.builder().dataDir(dir).clientPort(0)
                .clientPortAddress(InetAddress.getLoopbackAddress()).tickTime(TICK_MS).build();
        WardenServer server = WardenServer.start(cfg, Clock.systemUTC(), REAPER_INTERVAL_MS);
        return new WardenTestServer(dir, cfg.toBuilder().clientPort(server.clientAddress().getPort()).build(), server);
    }

    @Override
    public String connectString() {
        return "127.0.0.1:" + config.clientPort();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void restart() throws IOException {
        stop();
        server = WardenServer.start(config, Clock.systemUTC(), REAPER_INTERVAL_MS);
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
