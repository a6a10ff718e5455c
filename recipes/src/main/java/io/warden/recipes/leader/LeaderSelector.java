package io.warden.recipes.leader;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.recipes.locks.InterProcessMutex;
import io.warden.znode.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leader election where leadership lasts while {@link LeaderSelectorListener#takeLeadership} runs
 * (Curator's LeaderSelector). Built on an {@link InterProcessMutex} whose nodes carry the
 * participant id; {@link #getLeadershipToken()} is that grant's lock-node czxid, strictly
 * increasing per grant. With {@link #autoRequeue()} the selector re-enters the election after
 * takeLeadership returns or throws.
 *
 * <p>State (LATENT → STARTED → CLOSED, queued, the current attempt) changes only on the selector's
 * serial executor (the one thread that runs acquire + takeLeadership), so a late connection event
 * or a stale attempt cannot act on the current one; connection events are forwarded to the
 * listener on the client's event thread, and a {@link CancelLeadershipException} from it
 * interrupts takeLeadership.
 */
public class LeaderSelector implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderSelector.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final CuratorFramework client;
    private final LeaderSelectorListener listener;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final InterProcessMutex mutex;
    private final String leaderPath;
    private final ConnectionStateListener stateListener = this::onConnectionState;
    private final java.util.concurrent.atomic.AtomicReference<State> state =
            new java.util.concurrent.atomic.AtomicReference<>(State.LATENT);
    private final java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong leadershipToken = new AtomicLong(-1);
    private volatile boolean autoRequeue;
    private volatile String id = "";
    private volatile Thread leaderThread;
    private volatile boolean leading;

    public LeaderSelector(CuratorFramework client, String leaderPath, LeaderSelectorListener listener) {
        this(client, leaderPath, null, listener);
    }

    /** @param executor runs acquire and takeLeadership; null: a thread of the selector's own */
    public LeaderSelector(CuratorFramework client, String leaderPath, ExecutorService executor,
                          LeaderSelectorListener listener) {
        this.client = client;
        this.leaderPath = leaderPath;
        this.listener = listener;
        this.ownsExecutor = executor == null;
        this.executor = executor != null ? executor : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "LeaderSelector-" + leaderPath);
            t.setDaemon(true);
            return t;
        });
        this.mutex = new IdMutex(client, leaderPath, this);
    }

    /** The mutex stores the selector's current id as node data. */
    private static final class IdMutex extends InterProcessMutex {
        IdMutex(CuratorFramework client, String path, LeaderSelector owner) {
            super(client, path, null);
            this.owner = owner;
        }

        private final LeaderSelector owner;

        @Override
        protected byte[] lockNodeBytes() {
            return owner.id.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Re-enter the election automatically each time leadership ends. */
    public void autoRequeue() {
        autoRequeue = true;
    }

    /** Must be called before start. */
    public void setId(String id) {
        this.id = id == null ? "" : id;
    }

    public String getId() {
        return id;
    }

    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("selector already started or closed");
        }
        client.getConnectionStateListenable().addListener(stateListener);
        requeue();
    }

    /** Queues for leadership unless already queued or leading. @return true if newly queued */
    public boolean requeue() {
        if (state.get() != State.STARTED) {
            throw new IllegalStateException("selector is not started");
        }
        if (!queued.compareAndSet(false, true)) {
            return false;
        }
        executor.execute(this::runAttempt);
        return true;
    }

    private void runAttempt() {
        try {
            if (state.get() == State.STARTED) {
                doLeadership();
            }
        } finally {
            queued.set(false);
            Thread.interrupted(); // an interrupt aimed at the ended leadership must not leak into the next one
        }
        if (autoRequeue && state.get() == State.STARTED) {
            requeue();
        }
    }

    private void doLeadership() {
        leaderThread = Thread.currentThread();
        boolean acquired = false;
        try {
            mutex.acquire();
            acquired = true;
            if (state.get() != State.STARTED) {
                return;
            }
            leadershipToken.set(mutex.getFencingToken());
            leading = true;
            listener.takeLeadership(client);
        } catch (InterruptedException e) {
            LOG.debug("leadership of {} interrupted", leaderPath);
        } catch (Throwable t) {
            LOG.warn("leadership of {} ended with an error", leaderPath, t);
        } finally {
            leading = false;
            leadershipToken.set(-1);
            leaderThread = null;
            if (acquired) {
                releaseQuietly();
            }
        }
    }

    private void releaseQuietly() {
        boolean interrupted = Thread.interrupted();
        try {
            mutex.release();
        } catch (Exception e) {
            LOG.warn("releasing leadership of {} failed (its node is deleted in the background)", leaderPath, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void onConnectionState(CuratorFramework c, ConnectionState newState) {
        try {
            listener.stateChanged(c, newState);
        } catch (CancelLeadershipException e) {
            interruptLeadership();
        }
    }

    /** Interrupts the thread running takeLeadership (or waiting to acquire). */
    public void interruptLeadership() {
        Thread t = leaderThread;
        if (t != null) {
            t.interrupt();
        }
    }

    public boolean hasLeadership() {
        return leading;
    }

    /** This grant's token (strictly increasing per grant), or -1 when not leading. */
    public long getLeadershipToken() {
        return leading ? leadershipToken.get() : -1;
    }

    /** All participants in queue order; the first leads. Blocks for reads. */
    public Collection<Participant> getParticipants() throws Exception {
        List<Participant> out = new ArrayList<>();
        boolean first = true;
        for (String path : mutex.getParticipantNodes()) {
            try {
                byte[] data = client.getData().forPath(path);
                out.add(new Participant(new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8), first));
                first = false;
            } catch (KeeperException.NoNodeException gone) {
                // left while listing
            }
        }
        return out;
    }

    public Participant getLeader() throws Exception {
        Collection<Participant> all = getParticipants();
        return all.isEmpty() ? Participant.none() : all.iterator().next();
    }

    /** Leaves the election; a running takeLeadership is interrupted. */
    @Override
    public void close() {
        if (!state.compareAndSet(State.STARTED, State.CLOSED)) {
            throw new IllegalStateException("selector is not started");
        }
        client.getConnectionStateListenable().removeListener(stateListener);
        interruptLeadership();
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }
}
