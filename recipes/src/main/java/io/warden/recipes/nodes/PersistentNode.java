package io.warden.recipes.nodes;

import io.warden.framework.CuratorFramework;
import io.warden.framework.api.CreateBuilder;
import io.warden.framework.listen.StandardListenerManager;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.PathUtils;
import io.warden.znode.Stat;
import io.warden.znode.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node that stays in place as long as this object is open (Curator's PersistentNode): created
 * on {@link #start()}, re-created whenever it is found missing — deleted by someone, or an
 * ephemeral whose session expired — and deleted by {@link #close()}. Works with every mode,
 * including EPHEMERAL, sequential, protected, CONTAINER and TTL modes.
 *
 * <p>State machine LATENT → STARTED → CLOSED on one serial executor, which owns the node path and
 * runs one check-or-create at a time (a request that arrives meanwhile is replayed after it, so
 * two creates never race). The node is watched; every watch event, every RECONNECTED and the
 * start trigger the same "ensure" step: if our node exists and belongs to our session, nothing to
 * do; if it is gone, create it again. At a fixed path an ephemeral still owned by an earlier
 * (dead) session is never deleted by us: we wait for the server to remove it, then create ours.
 * An existing persistent node at a fixed path is adopted and given our data.
 *
 * <p>Data: {@link #setData} only records the data and marks it pending; the state machine writes
 * it (version-agnostic) once the node is confirmed in place, and marks it pending again if the
 * write fails, so after a connection loss the node ends up with the last data given. A node
 * (re-)created by us already carries the latest data.
 *
 * <p>Threading: thread-safe. {@link #start()} and {@link #setData} do not block;
 * {@link #waitForInitialCreate} and {@link #close()} do. Listeners run on the client's event
 * thread (or their executor), never on an I/O thread.
 */
public class PersistentNode implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentNode.class);
    private static final long RETRY_DELAY_MS = 1_000;

    private enum State { LATENT, STARTED, CLOSED }

    private final CuratorFramework client;
    private final CreateMode mode;
    private final boolean useProtection;
    private final String basePath;
    private final long ttlMs;
    private final boolean useParentCreation;
    private final ScheduledExecutorService serial;
    private final StandardListenerManager<PersistentNodeListener> listeners;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final CountDownLatch initialCreate = new CountDownLatch(1);
    private final Watcher watcher = event -> {
        if (event.getType() != Watcher.Event.EventType.None) {
            post(this::ensure);
        }
    };
    private final ConnectionStateListener connectionListener = (c, s) -> {
        if (s == ConnectionState.RECONNECTED || s == ConnectionState.CONNECTED) {
            post(this::ensure); // a new session has no watch; a create that failed before the first connect is retried
        }
    };
    private volatile byte[] data;
    private volatile String nodePath;
    // owned by the serial executor
    private boolean busy;
    private boolean again;
    private boolean dataPending; // data set since the node was created or last written successfully

    public PersistentNode(CuratorFramework client, CreateMode mode, boolean useProtection, String basePath,
                          byte[] initData) {
        this(client, mode, useProtection, basePath, initData, true);
    }

    public PersistentNode(CuratorFramework client, CreateMode mode, boolean useProtection, String basePath,
                          byte[] initData, boolean useParentCreation) {
        this(client, mode, useProtection, basePath, initData, -1, useParentCreation);
    }

    /** @param ttlMs time to live for the TTL modes (ignored, pass -1, for the others) */
    public PersistentNode(CuratorFramework client, CreateMode mode, boolean useProtection, String basePath,
                          byte[] initData, long ttlMs, boolean useParentCreation) {
        PathUtils.validatePath(basePath, mode.isSequential());
        if (mode.isTTL() && ttlMs <= 0) {
            throw new IllegalArgumentException("mode " + mode + " needs a ttl > 0 for " + basePath);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.mode = mode;
        this.useProtection = useProtection;
        this.basePath = basePath;
        this.ttlMs = ttlMs;
        this.useParentCreation = useParentCreation;
        this.data = Objects.requireNonNull(initData, "initData").clone();
        this.listeners = new StandardListenerManager<>(r -> client.runSafe(r),
                (message, error) -> LOG.error("persistent node {}: {}", basePath, message, error));
        this.serial = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "PersistentNode-" + basePath);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts creating the node in the background. @throws IllegalStateException if started before */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("persistent node " + basePath + " cannot be started twice");
        }
        client.getConnectionStateListenable().addListener(connectionListener);
        post(this::ensure);
    }

    /** Blocks until the node has been created once. @return false on timeout */
    public boolean waitForInitialCreate(long timeout, TimeUnit unit) throws InterruptedException {
        if (state.get() != State.STARTED) {
            throw new IllegalStateException("persistent node " + basePath + " is " + state.get());
        }
        return initialCreate.await(timeout, unit);
    }

    /** Deletes the node (blocks for the delete; retried in the background if the connection is down). */
    @Override
    public void close() throws IOException {
        if (state.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        String path;
        try {
            path = serial.submit(() -> {
                String p = nodePath;
                nodePath = null;
                return p;
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            path = nodePath;
        } finally {
            serial.shutdown();
        }
        if (path != null) {
            try {
                client.delete().guaranteed().quietly().forPath(path);
            } catch (Exception e) {
                throw new IOException("could not delete " + path, e);
            }
        }
    }

    public StandardListenerManager<PersistentNodeListener> getListenable() {
        return listeners;
    }

    /** The node's current path (with protection prefix / sequence), or null while it does not exist. */
    public String getActualPath() {
        return nodePath;
    }

    /**
     * Sets the data the node has from now on. Does not block: the data is written in the
     * background, again after a connection loss, and used whenever the node is re-created.
     *
     * @throws IllegalStateException if the node is not started, is closed, or its initial create
     *                               has not completed yet (see {@link #waitForInitialCreate}), as in Curator
     */
    public void setData(byte[] newData) throws Exception {
        byte[] copy = Objects.requireNonNull(newData, "data cannot be null").clone();
        if (state.get() != State.STARTED || initialCreate.getCount() != 0) {
            throw new IllegalStateException("persistent node " + basePath + ": the initial create has not "
                    + "completed (" + state.get() + "); call waitForInitialCreate() first");
        }
        data = copy;
        post(() -> {
            dataPending = true;
            ensure();
        });
    }

    /** The data the node is (re-)created with: the last value given. */
    public byte[] getData() {
        return data.clone();
    }

    // ---- state machine (serial executor only) ----

    private boolean post(Runnable r) {
        try {
            serial.execute(r);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Entry of every trigger: runs one check-or-create at a time; later triggers are replayed once. */
    private void ensure() {
        if (state.get() != State.STARTED) {
            return;
        }
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        again = false;
        String path = nodePath;
        try {
            if (path == null) {
                create();
                return;
            }
            client.checkExists().usingWatcher(watcher).forPathAsync(path)
                    .whenComplete((stat, e) -> post(() -> onExists(path, stat, e)));
        } catch (RuntimeException e) {
            failed("ensure (client not started?)", e); // e.g. the client was closed under us
        }
    }

    private void done() {
        busy = false;
        if (again) {
            ensure();
        }
    }

    private void failed(String what, Throwable e) {
        LOG.debug("persistent node {}: {} failed", basePath, what, e);
        busy = false;
        if (state.get() == State.STARTED && client.getZookeeperClient().isConnected()) {
            try {
                serial.schedule(this::ensure, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // closing
            }
        } // else: RECONNECTED triggers ensure
    }

    private boolean fixedPath() {
        return !useProtection && !mode.isSequential();
    }

    private long session() {
        return client.getZookeeperClient().getZooKeeper().getSessionId();
    }

    private boolean ownedByAnotherSession(Stat stat) {
        return mode.isEphemeral() && stat.getEphemeralOwner() != session();
    }

    private void onExists(String path, Stat stat, Throwable e) {
        if (state.get() != State.STARTED || !path.equals(nodePath)) {
            done();
            return;
        }
        if (e != null) {
            failed("exists", e);
            return;
        }
        if (stat != null && !ownedByAnotherSession(stat)) {
            if (dataPending) {
                writeData(path); // ours and in place: now the data can land on it
            } else {
                done(); // ours and in place; the watch is set
            }
            return;
        }
        listeners.forEach(l -> l.nodeDeleted(path)); // gone, or left behind by our expired session
        nodePath = null;
        if (stat != null && fixedPath()) {
            done(); // an earlier session's ephemeral at our path: the watch tells us when the server removes it
            return;
        }
        create();
    }

    private void create() {
        try {
            startCreate();
        } catch (RuntimeException e) {
            failed("create (client not started?)", e);
        }
    }

    private void startCreate() {
        dataPending = false; // the create carries the latest data; a setData after this read marks it again
        byte[] used = data;
        CreateBuilder builder = client.create();
        if (useParentCreation) {
            builder.creatingParentContainersIfNeeded();
        }
        if (useProtection) {
            builder.withProtection();
        }
        builder.withMode(mode);
        if (mode.isTTL()) {
            builder.withTtl(ttlMs);
        }
        builder.forPathAsync(basePath, used)
                .thenCompose(p -> client.checkExists().usingWatcher(watcher).forPathAsync(p)
                        .thenApply(stat -> new Created(p, stat)))
                .whenComplete((created, e) -> {
                    if (!post(() -> onCreated(created, e)) && created != null) {
                        deleteQuietly(created.path()); // closed meanwhile: leave nothing behind
                    }
                });
    }

    private record Created(String path, Stat stat) {}

    private void onCreated(Created created, Throwable e) {
        if (state.get() != State.STARTED) {
            if (created != null) {
                deleteQuietly(created.path());
            }
            done();
            return;
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof KeeperException.NodeExistsException && fixedPath()) {
            adoptExisting();
            return;
        }
        if (cause != null) {
            failed("create", cause);
            return;
        }
        if (created.stat() == null) {
            again = true; // deleted right after creation
            done();
            return;
        }
        if (ownedByAnotherSession(created.stat())) {
            // a create of an earlier session found again by its protection: it dies with that session
            deleteQuietly(created.path());
            create();
            return;
        }
        markCreated(created.path());
    }

    /** A node is already at our fixed path: adopt it if it is ours to have, else wait for it to go. */
    private void adoptExisting() {
        client.checkExists().usingWatcher(watcher).forPathAsync(basePath).whenComplete((stat, e) -> post(() -> {
            if (state.get() != State.STARTED) {
                done();
            } else if (e != null) {
                failed("exists", e);
            } else if (stat == null) {
                create(); // gone meanwhile
            } else if (ownedByAnotherSession(stat)) {
                done(); // the watch fires when its owner's session is removed
            } else {
                dataPending = true; // someone else's data: ours replaces it
                markCreated(basePath);
            }
        }));
    }

    private void markCreated(String path) {
        nodePath = path;
        initialCreate.countDown();
        listeners.forEach(l -> l.nodeCreated(path));
        if (dataPending) {
            again = true; // a setData raced the create, or the node was adopted: write it next
        }
        done();
    }

    /** The node is ours and in place: write the latest data, whatever its version. */
    private void writeData(String path) {
        dataPending = false;
        try {
            client.setData().forPathAsync(path, data).whenComplete((stat, e) -> post(() -> onDataWritten(e)));
        } catch (RuntimeException e) {
            onDataWritten(e); // e.g. the client was closed under us
        }
    }

    private void onDataWritten(Throwable e) {
        if (e == null || state.get() != State.STARTED) {
            done(); // a setData meanwhile set dataPending and again: it is written next
            return;
        }
        dataPending = true; // not written (or not known to be): write it again once possible
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof KeeperException.NoNodeException) {
            again = true; // gone under us: the next check re-creates it with the latest data
            done();
            return;
        }
        failed("setData", cause); // retried after a delay, or on RECONNECTED
    }

    private void deleteQuietly(String path) {
        try {
            client.delete().guaranteed().quietly().forPathAsync(path);
        } catch (RuntimeException e) {
            LOG.debug("persistent node {}: could not delete {}", basePath, path, e);
        }
    }
}
