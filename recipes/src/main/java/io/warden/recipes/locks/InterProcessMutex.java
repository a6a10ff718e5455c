package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;
import io.warden.framework.api.transaction.CuratorOp;
import io.warden.framework.api.transaction.CuratorTransactionResult;
import io.warden.recipes.internal.Sequences;
import io.warden.znode.KeeperException;
import io.warden.znode.Watcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A re-entrant mutex shared across processes (Curator's InterProcessMutex). Each acquiring thread
 * queues a protected EPHEMERAL_SEQUENTIAL node under the lock path; the lowest sequence holds;
 * every other waiter watches only its predecessor, so a release wakes exactly one waiter.
 * Re-entrant per thread: a hold count, the node is deleted when it reaches zero.
 *
 * <p><b>Fencing (Warden extension).</b> A lock is not proof of exclusive access: a holder paused
 * past its session timeout still believes it holds. {@link #getFencingToken()} returns the lock
 * node's creation zxid, which increases strictly with every grant; pass it to the guarded
 * resource, or run the write through {@link #fencedTransaction}, which the server refuses once the
 * lock node is gone (the holder's session expired).
 *
 * <p>Threading: thread-safe. acquire blocks the calling thread and must not be called from a
 * client's event thread. If the session is LOST, waiting acquires fail with
 * SessionExpiredException and holders see {@link #isLockLost()} become true.
 */
public class InterProcessMutex implements InterProcessLock, Revocable<InterProcessMutex> {
    private static final String LOCK_NAME = "lock-";

    private final CuratorFramework client;
    private final LockInternals internals;
    private final Map<Thread, LockData> threadData = new ConcurrentHashMap<>();
    private final byte[] nodeData;
    private volatile RevocationListener<InterProcessMutex> revocationListener;
    private volatile Executor revocationExecutor;

    private static final class LockData {
        final String path;
        final long token;
        final long epoch;
        int count = 1;

        LockData(String path, long token, long epoch) {
            this.path = path;
            this.token = token;
            this.epoch = epoch;
        }
    }

    /** @param path the lock's znode (created as a container if missing) */
    public InterProcessMutex(CuratorFramework client, String path) {
        this(client, path, LOCK_NAME, null, 1);
    }

    /** For recipes built on the mutex (LeaderSelector stores its participant id in the node). */
    protected InterProcessMutex(CuratorFramework client, String path, byte[] nodeData) {
        this(client, path, LOCK_NAME, nodeData, 1);
    }

    InterProcessMutex(CuratorFramework client, String path, String lockName, byte[] nodeData, int maxLeases) {
        this(client, path, lockName, nodeData, (sorted, idx) -> LockInternals.mutexDecision(sorted, idx, maxLeases));
    }

    InterProcessMutex(CuratorFramework client, String path, String lockName, byte[] nodeData,
                      LockInternals.Driver driver) {
        this.client = client;
        this.nodeData = nodeData == null ? null : nodeData.clone();
        this.internals = new LockInternals(client, path, lockName, driver);
    }

    @Override
    public void acquire() throws Exception {
        if (!internalLock(-1)) {
            throw new IllegalStateException("lost the connection while acquiring " + internals.basePath());
        }
    }

    @Override
    public boolean acquire(long time, TimeUnit unit) throws Exception {
        return internalLock(Math.max(0, unit.toNanos(time)));
    }

    private boolean internalLock(long timeoutNanos) throws Exception {
        Thread current = Thread.currentThread();
        LockData held = threadData.get(current);
        if (held != null) {
            held.count++;
            return true;
        }
        internals.enter();
        LockInternals.Node node;
        long epoch = internals.lostEpoch();
        try {
            node = internals.attempt(timeoutNanos, lockNodeBytes());
        } catch (Exception e) {
            internals.exit();
            throw e;
        }
        if (node == null) {
            internals.exit();
            return false;
        }
        threadData.put(current, new LockData(node.path(), node.czxid(), epoch));
        watchForRevocation(node.path());
        return true;
    }

    /**
     * Releases one hold; at zero the node is deleted. If the delete fails for connection reasons
     * it is retried in the background (guaranteed) and the failure is rethrown.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold this lock
     */
    @Override
    public void release() throws Exception {
        Thread current = Thread.currentThread();
        LockData data = threadData.get(current);
        if (data == null) {
            throw new IllegalMonitorStateException("you do not own the lock: " + internals.basePath());
        }
        if (--data.count > 0) {
            return;
        }
        threadData.remove(current);
        try {
            internals.deleteNode(data.path);
        } finally {
            internals.exit();
        }
    }

    /** The data of this instance's lock nodes (overridable by recipes built on the mutex). */
    protected byte[] lockNodeBytes() {
        return nodeData;
    }

    @Override
    public boolean isAcquiredInThisProcess() {
        return !threadData.isEmpty();
    }

    /** True if the calling thread holds this lock (by this process's bookkeeping). */
    public boolean isOwnedByCurrentThread() {
        return threadData.containsKey(Thread.currentThread());
    }

    /**
     * True if the calling thread's grant was invalidated by session loss (Warden extension). The
     * thread must still {@link #release()} to clear its hold count.
     */
    public boolean isLockLost() {
        LockData data = threadData.get(Thread.currentThread());
        return data != null && data.epoch != internals.lostEpoch();
    }

    /**
     * The calling thread's fencing token: the lock node's creation zxid, strictly increasing with
     * every grant of this lock (Warden extension).
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold this lock
     */
    public long getFencingToken() {
        return ownData().token;
    }

    /** The calling thread's lock node path (Warden extension). */
    public String getLockNodePath() {
        return ownData().path;
    }

    /**
     * Runs {@code ops} atomically, only if the calling thread's lock node still exists: a holder
     * whose session expired is refused with {@link KeeperException.NoNodeException} and nothing is
     * written (Warden extension).
     */
    public List<CuratorTransactionResult> fencedTransaction(CuratorOp... ops) throws Exception {
        return fencedTransaction(Arrays.asList(ops));
    }

    public List<CuratorTransactionResult> fencedTransaction(List<CuratorOp> ops) throws Exception {
        String path = ownData().path;
        List<CuratorOp> all = new ArrayList<>(ops.size() + 1);
        all.add(client.transactionOp().check().forPath(path));
        all.addAll(ops);
        List<CuratorTransactionResult> results = client.transaction().forOperations(all);
        return results.subList(1, results.size());
    }

    private LockData ownData() {
        LockData data = threadData.get(Thread.currentThread());
        if (data == null) {
            throw new IllegalMonitorStateException("you do not own the lock: " + internals.basePath());
        }
        return data;
    }

    /** All queued lock nodes (full paths), holder first. */
    public Collection<String> getParticipantNodes() throws Exception {
        List<String> out = new ArrayList<>();
        for (String name : internals.getSortedChildren()) {
            out.add(Sequences.join(internals.basePath(), name));
        }
        return out;
    }

    @Override
    public void makeRevocable(RevocationListener<InterProcessMutex> listener) {
        makeRevocable(listener, null);
    }

    @Override
    public void makeRevocable(RevocationListener<InterProcessMutex> listener, Executor executor) {
        this.revocationListener = listener;
        this.revocationExecutor = executor;
    }

    private void watchForRevocation(String path) throws Exception {
        if (revocationListener == null) {
            return;
        }
        Watcher watcher = new Watcher() {
            @Override
            public void process(io.warden.znode.WatchedEvent event) {
                if (event.getType() != Event.EventType.NodeDataChanged) {
                    return;
                }
                try {
                    byte[] data = client.getData().usingWatcher(this).forPath(path);
                    if (Arrays.equals(data, Revoker.REVOKE_MESSAGE)) {
                        notifyRevocation();
                    }
                } catch (Exception ignored) {
                    // node gone: nothing left to revoke
                }
            }
        };
        byte[] current = client.getData().usingWatcher(watcher).forPath(path);
        if (Arrays.equals(current, Revoker.REVOKE_MESSAGE)) {
            notifyRevocation();
        }
    }

    private void notifyRevocation() {
        RevocationListener<InterProcessMutex> listener = revocationListener;
        if (listener == null) {
            return;
        }
        Executor ex = revocationExecutor;
        if (ex != null) {
            ex.execute(() -> listener.revocationRequested(this));
        } else {
            listener.revocationRequested(this);
        }
    }

    /** Watch notifications received by this lock's waiters (for tests of the no-herd property). */
    long watchEventCount() {
        return internals.watchEvents();
    }

    /** Times a waiter of this lock went to sleep on a watch. */
    long waitCount() {
        return internals.waits();
    }
}
