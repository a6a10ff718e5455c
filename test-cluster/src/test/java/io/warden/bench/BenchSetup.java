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
import org.apache.zookeeper.data.Stat;

/**
 * Creates a run's znodes before it is measured, and checks the outcome after, with the official
 * ZooKeeper client whatever is being measured, so neither depends on the code under test behaving.
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

    /**
     * Checks that what the run acknowledged is on the server: at least {@code acknowledged} children were
     * created, or data versions went up by at least that much, and read nodes carry the full payload.
     *
     * @throws IOException naming what is missing
     */
    static void verify(String connectString, BenchPaths paths, Workload workload, long acknowledged, int payloadBytes)
            throws IOException, InterruptedException {
        ZooKeeper zk = ZooKeeperAsyncClient.connect(connectString);
        try {
            switch (workload) {
                case CREATE -> {
                    Stat stat = zk.exists(paths.root() + "/create", false);
                    int children = stat == null ? 0 : stat.getNumChildren();
                    if (children < acknowledged) {
                        throw new IOException("verify: " + acknowledged + " creates acknowledged in the window but only "
                                + children + " children exist");
                    }
                }
                case SET_DATA -> {
                    long versions = 0;
                    for (String node : paths.dataNodes()) {
                        versions += zk.exists(node, false).getVersion();
                    }
                    if (versions < acknowledged) {
                        throw new IOException("verify: " + acknowledged + " setData acknowledged in the window but data "
                                + "versions add up to only " + versions);
                    }
                }
                case GET_DATA -> {
                    String node = paths.dataNode(0, 0);
                    byte[] data = zk.getData(node, false, null);
                    if (data == null || data.length != payloadBytes) {
                        throw new IOException("verify: " + node + " holds " + (data == null ? "null" : data.length + " bytes")
                                + ", expected " + payloadBytes);
                    }
                }
                default -> throw new IllegalStateException("unhandled workload " + workload);
            }
        } catch (KeeperException e) {
            throw new IOException("verify: " + e.getMessage(), e);
        } finally {
            zk.close(5_000);
        }
    }
}
