package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.recipes.internal.Sequences;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;
import io.warden.znode.Watcher;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sequential-node queue under every lock: create a protected EPHEMERAL_SEQUENTIAL node, then
 * wait until the {@link Driver} says it holds, watching only what the driver names (for a mutex:
 * the immediate predecessor, so one release wakes one waiter). A node whose attempt times out,
 * is interrupted or fails is deleted (guaranteed). Session loss (LOST) wakes every waiter, which
 * then fails with SessionExpiredException, and bumps {@link #lostEpoch()} so holders can tell.
 *
 * <p>Threading: thread-safe; {@link #attempt} blocks the caller and must not run on the client's
 * event thread.
 */
final class LockInternals {
    /** Decides, from the sorted children and our index, whether we hold and what to watch otherwise. */
    @FunctionalInterface
    interface Driver {
        Decision decide(List<String> sortedChildren, int ourIndex);
    }

    /** {@code watchName == null} while not holding means: watch the children of the lock path. */
    record Decision(boolean holds, String watchName) {
        static Decision hold() { return new Decision(true, null); }
    }

    /** A node created by an attempt: its path and creation zxid (the fencing token). */
    record Node(String path, long czxid) {}

    private final CuratorFramework client;
    private final String basePath;
    private final String lockName;
    private final Driver driver;
    private final AtomicLong lostEpoch = new AtomicLong();
    private final LongAdder watchEvents = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final Set<CountDownLatch> waiters = ConcurrentHashMap.newKeySet();
    private final ReentrantLock activityLock = new ReentrantLock();
    private final ConnectionStateListener stateListener = this::onState;
    private int active;

    LockInternals(CuratorFramework client, String basePath, String lockName, Driver driver) {
        this.client = client;
        io.warden.znode.PathUtils.validatePath(basePath);
        this.basePath = basePath;
        this.lockName = lockName;
        this.driver = driver;
    }

    /** Index-0 driver for mutexes: hold when first, else watch the node just before us. */
    static Decision mutexDecision(List<String> sorted, int ourIndex, int maxLeases) {
        if (ourIndex < maxLeases) {
            return Decision.hold();
        }
        return new Decision(false, maxLeases == 1 ? sorted.get(ourIndex - 1) : null);
    }

    String basePath() { return basePath; }
    long lostEpoch() { return lostEpoch.get(); }
    long watchEvents() { return watchEvents.sum(); }
    long waits() { return waits.sum(); }

    /** Marks a user of this queue (waiting or holding) so session loss is tracked; pair with {@link #exit()}. */
    void enter() {
        activityLock.lock();
        try {
            if (active++ == 0) {
                client.getConnectionStateListenable().addListener(stateListener);
            }
        } finally {
            activityLock.unlock();
        }
    }

    void exit() {
        activityLock.lock();
        try {
            if (--active == 0) {
                client.getConnectionStateListenable().removeListener(stateListener);
            }
        } finally {
            activityLock.unlock();
        }
    }

    private void onState(CuratorFramework c, ConnectionState state) {
        if (state == ConnectionState.LOST) {
            lostEpoch.incrementAndGet();
            waiters.forEach(CountDownLatch::countDown);
        }
    }

    /**
     * Queues and waits. @param timeoutNanos negative: forever
     *
     * @return the held node, or null on timeout (the node is then deleted)
     * @throws InterruptedException interrupted while waiting (the node is deleted)
     */
    Node attempt(long timeoutNanos, byte[] data) throws Exception {
        long start = System.nanoTime();
        long epoch = lostEpoch.get();
        Node node = createNode(data);
        boolean held = false;
        try {
            held = waitToHold(node, epoch, timeoutNanos < 0 ? Long.MAX_VALUE : start + timeoutNanos, timeoutNanos < 0);
            return held ? node : null;
        } finally {
            if (!held) {
                deleteAfterFailure(node.path());
            }
        }
    }

    private Node createNode(byte[] data) throws Exception {
        for (int tries = 0; ; tries++) {
            Stat stat = new Stat();
            String path = client.create().creatingParentContainersIfNeeded().withProtection()
                    .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).storingStatIn(stat)
                    .forPath(Sequences.join(basePath, lockName), data == null ? new byte[0] : data);
            if (stat.getCzxid() == 0) {
                // found again by protection after a lost reply: the stat was not returned
                Stat found;
                try {
                    found = client.checkExists().forPath(path);
                } catch (Exception e) {
                    deleteAfterFailure(path); // interrupted or failed before attempt() owns the node
                    throw e;
                }
                if (found == null) {
                    throw new KeeperException.NoNodeException(path);
                }
                stat = found;
            }
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            if (stat.getEphemeralOwner() == session) {
                return new Node(path, stat.getCzxid());
            }
            // a node of an earlier session (CURATOR-498): it will vanish; never treat it as ours
            deleteNode(path);
            if (tries >= 2) {
                throw new KeeperException.SessionExpiredException(path);
            }
        }
    }

    private boolean waitToHold(Node node, long epoch, long deadline, boolean forever) throws Exception {
        String ourName = Sequences.nodeName(node.path());
        while (true) {
            if (lostEpoch.get() != epoch) {
                throw new KeeperException.SessionExpiredException(node.path());
            }
            List<String> sorted = getSortedChildren();
            int idx = sorted.indexOf(ourName);
            if (idx < 0) {
                // our ephemeral is gone: the session that owned it expired
                throw new KeeperException.SessionExpiredException(node.path());
            }
            Decision d = driver.decide(sorted, idx);
            if (d.holds()) {
                return true;
            }
            CountDownLatch latch = new CountDownLatch(1);
            Watcher watcher = event -> {
                if (event.getType() != Watcher.Event.EventType.None) {
                    watchEvents.increment();
                }
                latch.countDown();
            };
            waiters.add(latch);
            try {
                if (d.watchName() != null) {
                    try {
                        client.getData().usingWatcher(watcher).forPath(Sequences.join(basePath, d.watchName()));
                    } catch (KeeperException.NoNodeException gone) {
                        continue; // predecessor already left: look again
                    }
                } else {
                    List<String> now = Sequences.sorted(client.getChildren().usingWatcher(watcher).forPath(basePath), null);
                    if (!now.equals(sorted)) {
                        continue; // changed before the watch was set: its event is not coming, look again
                    }
                }
                waits.increment();
                if (forever) {
                    latch.await();
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || !latch.await(remaining, TimeUnit.NANOSECONDS)) {
                        return false;
                    }
                }
            } finally {
                waiters.remove(latch);
            }
        }
    }

    /** Children of the lock path that carry this queue's sequence, in sequence order. */
    List<String> getSortedChildren() throws Exception {
        try {
            return Sequences.sorted(client.getChildren().forPath(basePath), null);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    /** Deletes even if this thread was interrupted (the interrupt status is kept for the caller). */
    private void deleteAfterFailure(String path) throws Exception {
        boolean interrupted = Thread.interrupted();
        try {
            deleteNode(path);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes a node of ours; retried in the background if the connection is down. Missing is fine. */
    void deleteNode(String path) throws Exception {
        try {
            client.delete().guaranteed().quietly().forPath(path);
        } catch (KeeperException.NoNodeException ignored) {
            // already gone
        }
    }
}
