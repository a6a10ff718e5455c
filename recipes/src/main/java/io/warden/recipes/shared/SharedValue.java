package io.warden.recipes.shared;

import io.warden.framework.CuratorFramework;
import io.warden.framework.api.NodeData;
import io.warden.framework.listen.Listenable;
import io.warden.framework.listen.StandardListenerManager;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.znode.KeeperException;
import io.warden.znode.PathUtils;
import io.warden.znode.Stat;
import io.warden.znode.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A byte[] value shared by every client that opens the same path (Curator's SharedValue). The
 * node is created with the seed value if missing; each instance keeps the latest value it has
 * seen, refreshed by a data watch and re-read after every reconnect (a new session has no watch).
 *
 * <p>State machine LATENT → STARTED → CLOSED. Every change of the local copy happens on the
 * instance's serial executor and only moves forward: a read that returns an older (czxid,
 * version) than the one held is dropped, so out-of-order replies never roll the value back.
 * Listeners run on the client's event thread (or their own executor), never on an I/O thread,
 * and hear every connection state change, so session loss is reported.
 *
 * <p>Threading: thread-safe. {@link #start()}, {@link #setValue} and {@link #trySetValue} block
 * for a server round trip; the getters never block.
 */
public class SharedValue implements Closeable, SharedValueReader {
    private static final Logger LOG = LoggerFactory.getLogger(SharedValue.class);
    private static final long SERIAL_WAIT_S = 30;
    private static final long RETRY_DELAY_MS = 1_000;

    private enum State { LATENT, STARTED, CLOSED }

    /** What the instance holds: the znode's creation zxid and version order the snapshots. */
    private record Snapshot(long czxid, int version, byte[] data) {
        boolean newerThan(Snapshot other) {
            return czxid != other.czxid ? czxid > other.czxid : version > other.version;
        }
    }

    private final CuratorFramework client;
    private final String path;
    private final byte[] seedValue;
    private final ScheduledExecutorService serial;
    private final StandardListenerManager<SharedValueListener> listeners;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final Watcher watcher = event -> {
        if (event.getType() != Watcher.Event.EventType.None) {
            post(this::readInBackground);
        }
    };
    private final ConnectionStateListener connectionListener = (c, s) -> onConnectionState(s);
    private volatile Snapshot current;

    /** @param seedValue the value the node is created with if it does not exist yet */
    public SharedValue(CuratorFramework client, String path, byte[] seedValue) {
        PathUtils.validatePath(path);
        this.client = Objects.requireNonNull(client, "client");
        this.path = path;
        this.seedValue = Objects.requireNonNull(seedValue, "seedValue").clone();
        this.current = new Snapshot(-1, -1, this.seedValue);
        this.listeners = new StandardListenerManager<>(r -> client.runSafe(r),
                (message, error) -> LOG.error("shared value {}: {}", path, message, error));
        this.serial = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "SharedValue-" + path);
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the node with the seed value if missing and reads the current value (blocks). */
    public void start() throws Exception {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("shared value " + path + " cannot be started twice");
        }
        client.getConnectionStateListenable().addListener(connectionListener);
        try {
            client.create().creatingParentContainersIfNeeded().forPath(path, seedValue);
        } catch (KeeperException.NodeExistsException ignored) {
            // another client seeded it
        }
        NodeData d = client.getData().usingWatcher(watcher).withStat().forPath(path);
        apply(new Snapshot(d.stat().getCzxid(), d.stat().getVersion(), d.data()));
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        serial.shutdown();
        listeners.clear();
    }

    @Override
    public byte[] getValue() {
        return current.data().clone();
    }

    @Override
    public VersionedValue<byte[]> getVersionedValue() {
        Snapshot s = current;
        return new VersionedValue<>(s.version(), s.data().clone());
    }

    @Override
    public Listenable<SharedValueListener> getListenable() {
        return listeners;
    }

    /** Sets the value whatever it is now (blocks). */
    public void setValue(byte[] newValue) throws Exception {
        checkStarted();
        byte[] copy = Objects.requireNonNull(newValue, "newValue").clone();
        Stat stat = client.setData().forPath(path, copy);
        apply(new Snapshot(stat.getCzxid(), stat.getVersion(), copy));
    }

    /**
     * Sets the value only if the node is still at {@code previous}'s version (blocks). On a
     * conflict nothing is written, this instance re-reads the value and false is returned: call
     * {@link #getVersionedValue()} and try again.
     */
    public boolean trySetValue(VersionedValue<byte[]> previous, byte[] newValue) throws Exception {
        checkStarted();
        byte[] copy = Objects.requireNonNull(newValue, "newValue").clone();
        try {
            Stat stat = client.setData().withVersion(previous.getVersion()).forPath(path, copy);
            apply(new Snapshot(stat.getCzxid(), stat.getVersion(), copy));
            return true;
        } catch (KeeperException.BadVersionException conflict) {
            NodeData d = client.getData().withStat().forPath(path);
            apply(new Snapshot(d.stat().getCzxid(), d.stat().getVersion(), d.data()));
            return false;
        }
    }

    /** @deprecated compares against this instance's last seen version; use {@link #trySetValue(VersionedValue, byte[])} */
    @Deprecated
    public boolean trySetValue(byte[] newValue) throws Exception {
        return trySetValue(getVersionedValue(), newValue);
    }

    private void checkStarted() {
        if (state.get() != State.STARTED) {
            throw new IllegalStateException("shared value " + path + " is " + state.get());
        }
    }

    // ---- serial executor ----

    private void post(Runnable r) {
        try {
            serial.execute(r);
        } catch (RejectedExecutionException closed) {
            // closed: late events are dropped
        }
    }

    /** Hands a snapshot to the serial executor and waits until it is applied (no-op once closed). */
    private void apply(Snapshot s) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            serial.submit(() -> applyOnSerial(s)).get(SERIAL_WAIT_S, TimeUnit.SECONDS);
        } catch (RejectedExecutionException closed) {
            // closed while writing: the write happened, nobody listens any more
        }
    }

    private void applyOnSerial(Snapshot s) {
        if (state.get() != State.STARTED || !s.newerThan(current)) {
            return;
        }
        current = s;
        byte[] value = s.data();
        listeners.forEach(l -> l.valueHasChanged(this, value.clone()));
    }

    private void readInBackground() {
        if (state.get() != State.STARTED) {
            return;
        }
        client.getData().usingWatcher(watcher).withStat().forPathAsync(path)
                .whenComplete((d, error) -> post(() -> onRead(d, error)));
    }

    private void onRead(NodeData d, Throwable error) {
        if (error == null) {
            applyOnSerial(new Snapshot(d.stat().getCzxid(), d.stat().getVersion(), d.data()));
        } else if (error instanceof KeeperException.NoNodeException) {
            // deleted: keep the last value and watch for the node's return
            client.checkExists().usingWatcher(watcher).forPathAsync(path).whenComplete((stat, e) -> {
                if (stat != null) {
                    post(this::readInBackground);
                }
            });
        } else {
            LOG.debug("shared value {}: read failed", path, error);
            if (client.getZookeeperClient().isConnected()) {
                try {
                    serial.schedule(this::readInBackground, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    // closing
                }
            } // else: RECONNECTED reads again
        }
    }

    private void onConnectionState(ConnectionState s) {
        if (state.get() != State.STARTED) {
            return;
        }
        if (s == ConnectionState.RECONNECTED) {
            post(this::readInBackground); // after a session loss the watch is gone
        }
        listeners.forEach(l -> l.stateChanged(client, s));
    }
}
