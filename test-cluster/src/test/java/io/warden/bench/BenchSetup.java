package io.warden.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Creates a run's znodes before it is measured, with the official ZooKeeper client whatever is being
 * measured, so setup never depends on the code under test behaving.
 */
final class BenchSetup {
    private static final int SETUP_WINDOW = 200;

    private BenchSetup() {
    }

    /** Creates the parents (and, if asked, the data nodes with {@code payload}); blocks until done. */
    static void prepare(String connectString, BenchPaths paths, byte[] payload, boolean withDataNodes)
            throws IOException, InterruptedException {
        ZooKeeper zk = ZooKeeperAsyncClient.connect(connectString);
        try {
            for (String parent : paths.parents()) {
                createIfAbsent(zk, parent, new byte[0]);
            }
            if (withDataNodes) {
                createAll(zk, paths.dataNodes(), payload);
            }
        } finally {
            zk.close(5_000);
        }
    }

    private static void createIfAbsent(ZooKeeper zk, String path, byte[] data) throws IOException, InterruptedException {
        try {
            zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // already there from an earlier run on this server
        } catch (KeeperException e) {
            throw new IOException("setup: cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    private static void createAll(ZooKeeper zk, List<String> paths, byte[] data) throws IOException, InterruptedException {
        Semaphore window = new Semaphore(SETUP_WINDOW);
        CountDownLatch done = new CountDownLatch(paths.size());
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        for (String path : paths) {
            window.acquire();
            zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, p, ctx, name) -> {
                if (rc != KeeperException.Code.OK.intValue() && rc != KeeperException.Code.NODEEXISTS.intValue()) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, p + ": " + KeeperException.Code.get(rc));
                }
                window.release();
                done.countDown();
            }, null);
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IOException("setup: creating " + paths.size() + " nodes did not finish within 120 s");
        }
        if (failures.get() > 0) {
            throw new IOException("setup: " + failures.get() + " creates failed, first: " + firstFailure.get());
        }
    }
}
