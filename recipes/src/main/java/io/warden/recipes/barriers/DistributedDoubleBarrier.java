package io.warden.recipes.barriers;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.framework.utils.ZKPaths;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.PathUtils;
import io.warden.znode.Watcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A double barrier (Curator's DistributedDoubleBarrier): {@link #enter()} blocks until
 * {@code memberQty} members have entered, {@link #leave()} blocks until every member has left.
 *
 * <p>Each member is an EPHEMERAL child {@code barrierPath/<uuid>}. The member that sees the
 * quorum creates {@code barrierPath/ready}, which releases every enterer. Leaving follows the
 * classic ZooKeeper protocol on the sorted members: the lowest waits for the highest to go; every
 * other member deletes itself and waits for the lowest; the lowest leaves last and deletes
 * {@code ready} too, so the path can be used for the next round once everyone has left.
 *
 * <p>An enter that times out deletes its node (unless the barrier was released meanwhile, then it
 * counts as entered). Session loss while entering or leaving (our node gone with it) fails the
 * call with {@link KeeperException.SessionExpiredException}; it is never silent.
 *
 * <p>Threading: one thread at a time per instance; enter and leave block and must not run on the
 * client's event thread.
 */
public class DistributedDoubleBarrier {
    private static final String READY_NODE = "ready";

    private final CuratorFramework client;
    private final String barrierPath;
    private final int memberQty;
    private final String ourName;
    private final String ourPath;
    private final String readyPath;
    /** Set by a leave that deleted our node (kept across a timed-out leave, so it can be retried). */
    private volatile boolean ourNodeDeleted;

    public DistributedDoubleBarrier(CuratorFramework client, String barrierPath, int memberQty) {
        this(client, barrierPath, memberQty, UUID.randomUUID().toString());
    }

    /** With a chosen member node name (tests use it to fix the members' order). */
    DistributedDoubleBarrier(CuratorFramework client, String barrierPath, int memberQty, String memberName) {
        PathUtils.validatePath(barrierPath);
        if (memberQty < 1) {
            throw new IllegalArgumentException("memberQty must be >= 1: " + memberQty);
        }
        this.client = client;
        this.barrierPath = barrierPath;
        this.memberQty = memberQty;
        this.ourName = memberName;
        this.ourPath = ZKPaths.makePath(barrierPath, ourName);
        this.readyPath = ZKPaths.makePath(barrierPath, READY_NODE);
    }

    /** Enters and blocks until {@code memberQty} members have entered. */
    public void enter() throws Exception {
        enter(-1, null);
    }

    /** @return true once released, false if the time ran out (our node is then removed) */
    public boolean enter(long maxWait, TimeUnit unit) throws Exception {
        long deadline = deadline(maxWait, unit);
        try (Waits waits = new Waits()) {
            client.create().creatingParentContainersIfNeeded().idempotent().withMode(CreateMode.EPHEMERAL)
                    .forPath(ourPath, new byte[0]);
            ourNodeDeleted = false;
            while (true) {
                waits.checkLost();
                CountDownLatch wake = waits.arm();
                if (client.checkExists().usingWatcher(wakeOn(wake)).forPath(readyPath) != null) {
                    return true;
                }
                List<String> members = members();
                if (!members.contains(ourName)) {
                    throw new KeeperException.SessionExpiredException(ourPath); // our ephemeral went with its session
                }
                if (members.size() >= memberQty) {
                    try {
                        client.create().forPath(readyPath, new byte[0]);
                    } catch (KeeperException.NodeExistsException alreadyReleased) {
                        // another member saw the quorum first
                    }
                    return true;
                }
                if (!waits.await(wake, deadline)) {
                    return enterTimedOut();
                }
            }
        }
    }

    private boolean enterTimedOut() throws Exception {
        if (client.checkExists().forPath(readyPath) != null) {
            return true; // released just as we gave up: we were counted
        }
        client.delete().guaranteed().quietly().forPath(ourPath);
        return false;
    }

    /** Leaves and blocks until every member has left. */
    public void leave() throws Exception {
        leave(-1, null);
    }

    /** @return true once every member has left, false if the time ran out */
    public boolean leave(long maxWait, TimeUnit unit) throws Exception {
        long deadline = deadline(maxWait, unit);
        try (Waits waits = new Waits()) {
            while (true) {
                if (!ourNodeDeleted) {
                    waits.checkLost();
                }
                List<String> members = members();
                if (members.isEmpty()) {
                    return true;
                }
                int ours = members.indexOf(ourName);
                if (ours < 0 && !ourNodeDeleted) {
                    waits.checkLost();
                    throw new IllegalStateException("not a member of " + barrierPath + ": enter first");
                }
                if (ours == 0 && members.size() == 1) {
                    client.delete().guaranteed().quietly().forPath(ourPath);
                    ourNodeDeleted = true;
                    client.delete().quietly().forPath(readyPath); // the last one out resets the barrier
                    return true;
                }
                CountDownLatch wake = waits.arm();
                String watched;
                if (ours == 0) {
                    watched = members.get(members.size() - 1); // lowest waits for the highest to go
                } else {
                    if (!ourNodeDeleted) {
                        client.delete().guaranteed().quietly().forPath(ourPath);
                        ourNodeDeleted = true;
                    }
                    watched = members.get(0); // the others wait for the lowest
                }
                if (client.checkExists().usingWatcher(wakeOn(wake)).forPath(ZKPaths.makePath(barrierPath, watched))
                        != null && !waits.await(wake, deadline)) {
                    return false;
                }
            }
        }
    }

    private List<String> members() throws Exception {
        List<String> children;
        try {
            children = new ArrayList<>(client.getChildren().forPath(barrierPath));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
        children.remove(READY_NODE);
        Collections.sort(children);
        return children;
    }

    private static long deadline(long maxWait, TimeUnit unit) {
        return unit == null ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(Math.max(0, maxWait));
    }

    private static Watcher wakeOn(CountDownLatch latch) {
        return event -> latch.countDown();
    }

    /** Wakes the current wait on LOST and remembers it, for the duration of one enter or leave. */
    private final class Waits implements ConnectionStateListener, AutoCloseable {
        private volatile boolean lost;
        private volatile CountDownLatch current;

        Waits() {
            client.getConnectionStateListenable().addListener(this);
        }

        CountDownLatch arm() {
            CountDownLatch latch = new CountDownLatch(1);
            current = latch;
            if (lost) {
                latch.countDown();
            }
            return latch;
        }

        /** @return false on timeout */
        boolean await(CountDownLatch latch, long deadline) throws InterruptedException {
            if (deadline == Long.MAX_VALUE) {
                latch.await();
                return true;
            }
            long remaining = deadline - System.nanoTime();
            return remaining > 0 && latch.await(remaining, TimeUnit.NANOSECONDS);
        }

        void checkLost() throws KeeperException.SessionExpiredException {
            if (lost) {
                throw new KeeperException.SessionExpiredException(ourPath);
            }
        }

        @Override
        public void stateChanged(CuratorFramework c, ConnectionState state) {
            if (state == ConnectionState.LOST) {
                lost = true;
                CountDownLatch latch = current;
                if (latch != null) {
                    latch.countDown();
                }
            }
        }

        @Override
        public void close() {
            client.getConnectionStateListenable().removeListener(this);
        }
    }
}
