package io.warden.server;

import io.warden.server.admin.FourLetterWord;
import io.warden.server.config.ServerConfig;
import io.warden.server.net.ClientPort;
import io.warden.server.admin.ServerMode;
import io.warden.server.ensemble.EnsembleMember;
import io.warden.server.pipeline.ServerPipeline;
import io.warden.server.pipeline.StandalonePipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * A Warden server: standalone (no or one server line) or an ensemble member (several {@code server.N}
 * lines; see {@link EnsembleMember}). Recovers the znode store from its data dir, then serves the client
 * port. {@link #start} blocks until the port is bound; {@link #close} stops cleanly (idempotent).
 * Thread-safe lifecycle.
 */
public final class WardenServer implements AutoCloseable {
    private final ServerConfig config;
    private final ServerPipeline pipeline;
    private final ClientPort port;
    private volatile boolean closed;

    private WardenServer(ServerConfig config, ServerPipeline pipeline, ClientPort port) {
        this.config = config;
        this.pipeline = pipeline;
        this.port = port;
    }

    /** Recovers and starts serving with the system clock. */
    public static WardenServer start(ServerConfig config) throws IOException {
        return start(config, Clock.systemUTC(), 60_000);
    }

    /**
     * @param reaperIntervalMs how often containers and expired TTL nodes are looked for
     * @throws IOException when the data dir cannot be read (corrupt log: the message names file and offset)
     */
    public static WardenServer start(ServerConfig config, Clock clock, long reaperIntervalMs) throws IOException {
        ServerPipeline pipeline = config.isStandalone() ? StandalonePipeline.open(config, clock, reaperIntervalMs)
                : EnsembleMember.open(config, clock, reaperIntervalMs);
        InetAddress bindHost = config.clientPortAddress().orElse(null);
        InetSocketAddress bind = bindHost == null ? new InetSocketAddress(config.clientPort())
                : new InetSocketAddress(bindHost, config.clientPort());
        ClientPort port = new ClientPort(bind, config.juteMaxBuffer(), config.maxClientCnxns(),
                code -> FourLetterWord.fromInt(code).isPresent(), pipeline.requests(), clock::millis);
        try {
            port.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipeline.close();
            throw new IOException("interrupted while binding " + bind, e);
        } catch (Exception e) { // Netty rethrows a failed bind's checked BindException undeclared
            pipeline.close();
            port.close();
            throw new IOException("cannot bind the client port " + bind + ": " + e.getMessage(), e);
        }
        pipeline.attachPort(port);
        return new WardenServer(config, pipeline, port);
    }

    public InetSocketAddress clientAddress() {
        return port.localAddress();
    }

    /** {@code host:port} of the client port, for connect strings. */
    public String connectString() {
        InetSocketAddress a = clientAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return host + ":" + a.getPort();
    }

    public ServerConfig config() {
        return config;
    }

    public long lastZxid() {
        return pipeline.lastZxid();
    }

    /** standalone, leader, follower or observer (a member without a leader reports follower). */
    public ServerMode mode() {
        return pipeline.mode();
    }

    /** The ensemble side of this server, if it has server lines. */
    public java.util.Optional<EnsembleMember> ensemble() {
        return pipeline instanceof EnsembleMember m ? java.util.Optional.of(m) : java.util.Optional.empty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        port.close();
        pipeline.close();
    }
}
