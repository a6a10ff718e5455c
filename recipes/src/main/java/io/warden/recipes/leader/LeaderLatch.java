package io.warden.recipes.leader;

import io.warden.framework.CuratorFramework;
import io.warden.framework.api.NodeData;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.recipes.internal.Sequences;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.PathUtils;
import io.warden.znode.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Leader election by latch (Curator's LeaderLatch): each participant keeps one protected
 * EPHEMERAL_SEQUENTIAL node under the latch path; the lowest leads; the others watch only their
 * predecessor. Leadership is given up on SUSPENDED/LOST and the node is re-created on reconnect.
 *
 * <p>The latch is an explicit state machine (LATENT → STARTED → CLOSED) on one serial executor:
 * every asynchronous result and watch carries the attempt generation it was started in and is
 * dropped if a newer attempt exists; a stale attempt only ever deletes the node it created itself,
 * never the current one (the CURATOR-498 class of bug). A node found after creation to belong to
 * another session is discarded. Each grant has a leadership token (the node's czxid) that
 * increases strictly from grant to grant.
 *
 * <p>Threading: public methods are thread-safe; listeners run on the latch's serial executor (or
 * the executor given with them), never on an I/O thread. await blocks the caller.
 */
public class LeaderLatch implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLatch.class);
    private static final String LATCH_NAME = "latch-";

    /** What close tells the listeners. */
    public enum CloseMode { SILENT, NOTIFY_LEADER }

    /** Lifecycle of a latch. */
    public enum State { LATENT, STARTED, CLOSED }

    private final CuratorFramework client;
    private final String latchPath;
    private final String id;
    private final CloseMode defaultCloseMode;
    private final ExecutorService serial;
    private final Map<LeaderLatchListener, Executor> listeners = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ConnectionStateListener stateListener = (c, s) -> post(() -> onConnectionState(s));

    // owned by the serial executor
    private long generation;
    private String ourPath;
    private long ourToken = -1;
    private CloseMode closingMode;
    // read by any thread, written under lock
    private volatile State state = State.LATENT;
    private volatile boolean leader;
    private volatile long leadershipToken = -1;

    public LeaderLatch(CuratorFramework client, String latchPath) {
        this(client, latchPath, "", CloseMode.SILENT);
    }

    public LeaderLatch(CuratorFramework client, String latchPath, String id) {
        this(client, latchPath, id, CloseMode.SILENT);
    }

    public LeaderLatch(CuratorFramework client, String latchPath, String id, CloseMode closeMode) {
        PathUtils.validatePath(latchPath);
        this.client = client;
        this.latchPath = latchPath;
        this.id = id == null ? "" : id;
        this.defaultCloseMode = closeMode == null ? CloseMode.SILENT : closeMode;
        this.serial = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "LeaderLatch-" + latchPath);
            t.setDaemon(true);
            return t;
        });
    }

    /** Joins the election (asynchronously). @throws IllegalStateException if already started or closed */
    public void start() {
        transition(State.LATENT, State.STARTED);
        client.getConnectionStateListenable().addListener(stateListener);
        post(this::reset);
    }

    @Override
    public void close() {
        close(defaultCloseMode);
    }

    /** Leaves the election, deleting this participant's node before returning. */
    public void close(CloseMode mode) {
        transition(State.STARTED, State.CLOSED);
        client.getConnectionStateListenable().removeListener(stateListener);
        java.util.concurrent.Future<String> last = serial.submit(() -> {
            generation++;
            closingMode = mode;
            String path = ourPath;
            ourPath = null;
            setLeadership(false, -1);
            return path;
        });
        try {
            String path = last.get(30, TimeUnit.SECONDS);
            if (path != null) {
                client.delete().guaranteed().quietly().forPath(path);
            }
        } catch (Exception e) {
            LOG.warn("closing latch {}: could not delete its node", latchPath, e);
        } finally {
            serial.shutdown();
            signal();
        }
    }

    private void transition(State from, State to) {
        lock.lock();
        try {
            if (state != from) {
                throw new IllegalStateException("latch is " + state + ", expected " + from);
            }
            state = to;
        } finally {
            lock.unlock();
        }
    }

    public void addListener(LeaderLatchListener listener) {
        listeners.put(listener, serial);
    }

    public void addListener(LeaderLatchListener listener, Executor executor) {
        listeners.put(listener, executor);
    }

    public void removeListener(LeaderLatchListener listener) {
        listeners.remove(listener);
    }

    /** Blocks until leader. @throws java.io.EOFException if the latch is closed first */
    public void await() throws InterruptedException, java.io.EOFException {
        lock.lock();
        try {
            while (state == State.STARTED && !leader) {
                changed.await();
            }
            if (!leader) {
                throw new java.io.EOFException("latch " + latchPath + " is " + state);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return true if leader within the time */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (state == State.STARTED && !leader && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return leader;
        } finally {
            lock.unlock();
        }
    }

    public boolean hasLeadership() {
        return state == State.STARTED && leader;
    }

    /** This grant's token (the node's czxid, strictly increasing per grant), or -1 when not leader. */
    public long getLeadershipToken() {
        return hasLeadership() ? leadershipToken : -1;
    }

    public String getId() {
        return id;
    }

    public State getState() {
        return state;
    }

    /** This participant's node path, or null while none exists. */
    public String getOurPath() throws Exception {
        return serial.isShutdown() ? null : serial.submit(() -> ourPath).get(30, TimeUnit.SECONDS);
    }

    /** All participants in node order; the first is the leader. Blocks for reads. */
    public Collection<Participant> getParticipants() throws Exception {
        List<Participant> out = new ArrayList<>();
        List<String> sorted = sortedChildren();
        for (int i = 0; i < sorted.size(); i++) {
            try {
                byte[] data = client.getData().forPath(Sequences.join(latchPath, sorted.get(i)));
                out.add(new Participant(new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8), i == 0));
            } catch (KeeperException.NoNodeException gone) {
                // left while we listed
            }
        }
        return out;
    }

    /** The current leader, or {@link Participant#none()}. */
    public Participant getLeader() throws Exception {
        Collection<Participant> all = getParticipants();
        return all.isEmpty() ? Participant.none() : all.iterator().next();
    }

    private List<String> sortedChildren() throws Exception {
        try {
            return Sequences.sorted(client.getChildren().forPath(latchPath), null);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    // ---- state machine (serial executor only) ----

    private void post(Runnable r) {
        try {
            serial.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed: late events are dropped
        }
    }

    private void onConnectionState(ConnectionState s) {
        if (state != State.STARTED) {
            return;
        }
        if (s == ConnectionState.SUSPENDED || s == ConnectionState.LOST) {
            setLeadership(false, -1);
        } else if (s == ConnectionState.RECONNECTED) {
            reset();
        }
    }

    /** Starts a new attempt: forget (and delete) our node, create a fresh one. */
    private void reset() {
        if (state != State.STARTED) {
            return;
        }
        long gen = ++generation;
        setLeadership(false, -1);
        String old = ourPath;
        ourPath = null;
        if (old != null) {
            client.delete().guaranteed().quietly().forPathAsync(old);
        }
        client.create().creatingParentContainersIfNeeded().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPathAsync(Sequences.join(latchPath, LATCH_NAME), id.getBytes(StandardCharsets.UTF_8))
                .thenCompose(path -> client.getData().withStat().forPathAsync(path))
                .whenComplete((node, error) -> post(() -> onCreated(gen, node, error)));
    }

    private void onCreated(long gen, NodeData node, Throwable error) {
        if (gen != generation || state != State.STARTED) {
            if (node != null) {
                // a stale attempt deletes only the node it created itself
                client.delete().guaranteed().quietly().forPathAsync(node.path());
            }
            return;
        }
        if (error != null) {
            LOG.debug("latch {}: create failed, retrying on reconnect", latchPath, error);
            if (client.getZookeeperClient().isConnected()) {
                reset();
            }
            return;
        }
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        if (node.stat().getEphemeralOwner() != session) {
            client.delete().guaranteed().quietly().forPathAsync(node.path());
            reset();
            return;
        }
        ourPath = node.path();
        ourToken = node.stat().getCzxid();
        checkLeadership(gen);
    }

    private void checkLeadership(long gen) {
        client.getChildren().forPathAsync(latchPath)
                .whenComplete((children, error) -> post(() -> onChildren(gen, children, error)));
    }

    private void onChildren(long gen, List<String> children, Throwable error) {
        if (gen != generation || state != State.STARTED || ourPath == null) {
            return;
        }
        if (error != null) {
            if (client.getZookeeperClient().isConnected()) {
                reset();
            }
            return;
        }
        List<String> sorted = Sequences.sorted(children, null);
        int idx = sorted.indexOf(Sequences.nodeName(ourPath));
        if (idx < 0) {
            reset(); // our node vanished (session expired)
            return;
        }
        if (idx == 0) {
            setLeadership(true, ourToken);
            return;
        }
        String predecessor = Sequences.join(latchPath, sorted.get(idx - 1));
        Watcher watcher = event -> {
            if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
                post(() -> {
                    if (gen == generation && state == State.STARTED) {
                        checkLeadership(gen);
                    }
                });
            }
        };
        client.getData().usingWatcher(watcher).forPathAsync(predecessor).whenComplete((data, e) -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            if (cause instanceof KeeperException.NoNodeException) {
                post(() -> {
                    if (gen == generation) {
                        checkLeadership(gen);
                    }
                });
            }
        });
    }

    private void setLeadership(boolean newValue, long token) {
        boolean old;
        lock.lock();
        try {
            old = leader;
            leader = newValue;
            leadershipToken = newValue ? token : -1;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (old == newValue) {
            return;
        }
        if (!newValue && state == State.CLOSED && closingMode != CloseMode.NOTIFY_LEADER) {
            return;
        }
        listeners.forEach((l, ex) -> ex.execute(() -> {
            try {
                if (newValue) {
                    l.isLeader();
                } else {
                    l.notLeader();
                }
            } catch (RuntimeException e) {
                LOG.error("latch listener failed", e);
            }
        }));
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
