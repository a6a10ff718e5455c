package io.warden.testing;

import io.warden.server.WardenServer;
import io.warden.server.config.ServerConfig;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A standalone Warden server in this JVM for tests, in the spirit of curator-test's
 * {@code TestingServer}: bound to 127.0.0.1, on an ephemeral port unless one is given, with its data
 * in a temporary directory.
 *
 * <p>The port is fixed at the first start (or at the first {@link #getPort()}): {@link #stop()}
 * keeps port and data, so {@link #start()} / {@link #restart()} bring the same server back on the
 * same port with everything it had acknowledged. {@link #close()} stops the server and deletes the
 * data directory if this object created it (a directory passed in is kept).
 *
 * <p>Thread-safe: lifecycle methods are serialised by a lock. {@code start} blocks until the
 * client port is bound (data recovery included); {@code stop} blocks until the server has closed
 * its port and made its log durable. Getters do not block.
 */
public class TestingServer implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Path dataDirectory;
    private final boolean ownsDirectory;
    private volatile int port;
    private volatile WardenServer server;
    private volatile boolean closed;

    /** Starts a server on an ephemeral port with a temporary data directory. */
    public TestingServer() throws Exception {
        this(0, null, true);
    }

    /** A server on an ephemeral port, started now if {@code start}. */
    public TestingServer(boolean start) throws Exception {
        this(0, null, start);
    }

    /** Starts a server on {@code port} (0 = ephemeral). */
    public TestingServer(int port) throws Exception {
        this(port, null, true);
    }

    /** A server on {@code port} (0 = ephemeral), started now if {@code start}. */
    public TestingServer(int port, boolean start) throws Exception {
        this(port, null, start);
    }

    /** Starts a server on {@code port} with its data in {@code tempDirectory} (null = a new temp directory). */
    public TestingServer(int port, File tempDirectory) throws Exception {
        this(port, tempDirectory, true);
    }

    /**
     * @param port          client port; 0 = ephemeral (chosen at the first start)
     * @param tempDirectory data directory, kept on close; null = a new temp directory, deleted on close
     * @param start         start now
     */
    public TestingServer(int port, File tempDirectory, boolean start) throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        this.port = port;
        this.ownsDirectory = tempDirectory == null;
        this.dataDirectory = tempDirectory == null ? Files.createTempDirectory("warden-testing-server-")
                : Files.createDirectories(tempDirectory.toPath());
        if (start) {
            start();
        }
    }

    /**
     * Starts the server if it is not running; blocks until it serves.
     *
     * @throws IOException if the data directory cannot be recovered or the port cannot be bound
     * @throws IllegalStateException after {@link #close()}
     */
    public void start() throws Exception {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (server != null) {
                return;
            }
            WardenServer s = WardenServer.start(config());
            server = s;
            port = s.clientAddress().getPort();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the server, keeping its data and port, so {@link #start()} brings it back. No-op if stopped. */
    public void stop() throws IOException {
        lock.lock();
        try {
            WardenServer s = server;
            server = null;
            if (s != null) {
                s.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@link #stop()} then {@link #start()}: same port, same data. */
    public void restart() throws Exception {
        lock.lock();
        try {
            stop();
            start();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the server and deletes the data directory if this server created it. Idempotent. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            stop();
            closed = true;
            if (ownsDirectory) {
                Dirs.deleteRecursively(dataDirectory);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client port; an ephemeral port is fixed on first use. */
    public int getPort() {
        if (port == 0) {
            lock.lock();
            try {
                if (port == 0) {
                    port = Dirs.freePorts(1).get(0);
                }
            } finally {
                lock.unlock();
            }
        }
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String getConnectString() {
        return "127.0.0.1:" + getPort();
    }

    /** The data directory (snapshots and transaction logs). */
    public File getTempDirectory() {
        return dataDirectory.toFile();
    }

    /** The running server, if started (for tests that look inside). */
    public Optional<WardenServer> server() {
        return Optional.ofNullable(server);
    }

    /** The configuration the next start uses. */
    public ServerConfig config() {
        return ServerConfig.builder()
                .dataDir(dataDirectory)
                .clientPortAddress(InetAddress.getLoopbackAddress())
                .clientPort(port)
                .maxClientCnxns(0)
                .maxSessionTimeout(60_000)
                .fourLetterWordWhitelist(java.util.Set.of("*"))
                .build();
    }
}
