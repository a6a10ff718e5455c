package io.warden.testing;

import io.warden.server.WardenServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An ensemble of Warden servers in this JVM on 127.0.0.1, in the spirit of curator-test's
 * {@code TestingCluster}, plus network faults: {@link #partition}, {@link #partitionOneWay},
 * {@link #isolate}, {@link #heal}, {@link #pause} / {@link #resume}.
 *
 * <p>Every server reaches each peer through its own proxy (see {@link EnsembleNetwork}), and
 * clients reach every server through a client-port proxy: {@link #getConnectString()} lists those.
 * Servers are identified by id (1..n), as in their {@code server.N} lines.
 *
 * <p>Thread-safe: lifecycle calls are serialised by a lock. {@link #start()} and
 * {@link #restartServer} block until the servers' client ports are bound, not until a leader is
 * elected: use {@link #awaitEnsemble} or {@link #awaitLeader} for that. Fault calls block until
 * every proxy applied them. {@link #close()} stops everything and deletes the data it created.
 */
public final class TestingCluster extends Ensemble {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, WardenServer> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** {@code n} participants with the default {@link ClusterOptions}; call {@link #start()}. */
    public TestingCluster(int n) throws IOException {
        this(ClusterOptions.builder().servers(n).build());
    }

    /** Lays out the ensemble (directories, ports, proxies); call {@link #start()}. */
    public TestingCluster(ClusterOptions options) throws IOException {
        super(new EnsembleLayout(options, "warden-testing-cluster-"));
    }

    /** Starts every server that is not running, all at once; blocks until their client ports are bound. */
    public void start() throws Exception {
        lock.lock();
        try {
            checkOpen();
            List<Integer> ids = new ArrayList<>();
            List<CompletableFuture<WardenServer>> starts = new ArrayList<>();
            for (InstanceSpec s : layout.specs()) {
                if (!running.containsKey(s.id())) {
                    ids.add(s.id());
                    // In parallel: a member may wait for its peers while starting.
                    starts.add(CompletableFuture.supplyAsync(() -> startServer(s.id())));
                }
            }
            Exception failure = null;
            for (int i = 0; i < ids.size(); i++) {
                try {
                    running.put(ids.get(i), starts.get(i).get());
                } catch (ExecutionException e) {
                    failure = failure == null ? new IOException("server " + ids.get(i) + " did not start",
                            e.getCause()) : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    private WardenServer startServer(int id) {
        try {
            return startWithPortRetry(id);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts server {@code id}; if another process took one of its ports, moves it to fresh ones and retries. */
    private WardenServer startWithPortRetry(int id) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return WardenServer.start(layout.config(id));
            } catch (IOException e) {
                if (attempt >= 5 || !EnsembleLayout.portTaken(e)) {
                    throw e;
                }
                layout.moveToFreshPorts(id);
            }
        }
    }

    /** Stops every server, keeping data and ports. */
    public void stop() {
        lock.lock();
        try {
            for (int id : List.copyOf(running.keySet())) {
                killServer(id);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes server {@code id} at once (its connections drop; what it logged stays on disk).
     *
     * @return false if it was not running
     */
    public boolean killServer(int id) {
        layout.spec(id);
        WardenServer s = running.remove(id);
        if (s == null) {
            return false;
        }
        s.close();
        return true;
    }

    public boolean killServer(InstanceSpec instance) {
        return killServer(instance.id());
    }

    /** Starts server {@code id} again with the same data directory and ports; blocks until bound. */
    public void restartServer(int id) throws IOException {
        lock.lock();
        try {
            checkOpen();
            killServer(id);
            running.put(id, startWithPortRetry(id));
        } finally {
            lock.unlock();
        }
    }

    public void restartServer(InstanceSpec instance) throws IOException {
        restartServer(instance.id());
    }

    /** The running server {@code id}, to look inside; empty if killed or stopped. */
    public Optional<WardenServer> server(int id) {
        return Optional.ofNullable(running.get(id));
    }

    public boolean isRunning(int id) {
        return running.containsKey(id);
    }

    @Override
    Collection<Integer> runningIds() {
        return List.copyOf(running.keySet());
    }

    @Override
    boolean frozen(int id) {
        return layout.network().isPaused(id);
    }

    /**
     * Freezes every peer link of {@code id} and its client proxy, as SIGSTOP would look from
     * outside: connections stay open, nothing moves, nothing is lost. The server itself keeps running.
     */
    public void pause(int id) {
        layout.network().pause(id, true);
    }

    /** Undoes {@link #pause}: the buffered traffic flows on. */
    public void resume(int id) {
        layout.network().pause(id, false);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
    }

    /** Stops every server, closes the proxies, deletes the data the cluster created. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            layout.close();
        } finally {
            lock.unlock();
        }
    }
}
