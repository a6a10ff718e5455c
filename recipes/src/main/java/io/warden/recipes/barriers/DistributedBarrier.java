package io.warden.recipes.barriers;

import io.warden.framework.CuratorFramework;
import io.warden.znode.KeeperException;
import io.warden.znode.Watcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A barrier that holds waiters while its node exists: {@link #setBarrier()} creates it,
 * {@link #removeBarrier()} deletes it and releases every waiter. Blocking methods must not run
 * on a client's event thread.
 */
public class DistributedBarrier {
    private final CuratorFramework client;
    private final String barrierPath;

    public DistributedBarrier(CuratorFramework client, String barrierPath) {
        this.client = client;
        this.barrierPath = barrierPath;
    }

    public void setBarrier() throws Exception {
        try {
            client.create().creatingParentContainersIfNeeded().forPath(barrierPath);
        } catch (KeeperException.NodeExistsException ignored) {
            // already set
        }
    }

    public void removeBarrier() throws Exception {
        client.delete().quietly().forPath(barrierPath);
    }

    public void waitOnBarrier() throws Exception {
        waitOnBarrier(-1, null);
    }

    /** @return true if the barrier was removed within the time (or was not set) */
    public boolean waitOnBarrier(long maxWait, TimeUnit unit) throws Exception {
        long deadline = unit == null ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(maxWait);
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            Watcher w = e -> changed.countDown();
            if (client.checkExists().usingWatcher(w).forPath(barrierPath) == null) {
                return true;
            }
            if (unit == null) {
                changed.await();
            } else {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !changed.await(remaining, TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
        }
    }
}
