package io.warden.testing;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The official ZooKeeper client, for tests: connect and wait, retry through connection loss. */
final class Zk {
    private Zk() {
    }

    /** Connects and waits for SyncConnected. */
    static ZooKeeper connect(String connectString, Duration timeout) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 30_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IOException("no connection to " + connectString + " within " + timeout);
        }
        return zk;
    }

    static String create(ZooKeeper zk, String path, String data) throws KeeperException, InterruptedException {
        return zk.create(path, data.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT);
    }

    static String read(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
    }

    /** sync(path), then read: sees every write committed before the sync. */
    static String syncRead(ZooKeeper zk, String path) throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        zk.sync(path, (rc, p, ctx) -> done.complete(rc), null);
        int rc = done.get(20, TimeUnit.SECONDS);
        if (rc != 0) {
            throw KeeperException.create(KeeperException.Code.get(rc), path);
        }
        return read(zk, path);
    }

    interface Op<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code op} until it succeeds, retrying on connection loss and on "not ready" errors
     * while an ensemble fails over; other errors fail at once.
     */
    static <T> T retry(Duration timeout, Op<T> op) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return op.run();
            } catch (KeeperException.ConnectionLossException | KeeperException.OperationTimeoutException
                     | KeeperException.SessionMovedException | KeeperException.NotReadOnlyException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }
}
