package io.warden.bench;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** {@link AsyncClient} over the official Apache ZooKeeper 3.9.3 Java client (one session). */
final class ZooKeeperAsyncClient implements AsyncClient {
    static final int SESSION_TIMEOUT_MS = 30_000;
    static final long CONNECT_TIMEOUT_MS = 30_000;

    private static final int OK = KeeperException.Code.OK.intValue();

    private final ZooKeeper zk;
    // Shared callbacks with the Completion as context: the harness allocates nothing per op here.
    private final AsyncCallback.StringCallback created = (rc, path, ctx, name) -> ((Completion) ctx).done(rc == OK);
    private final AsyncCallback.StatCallback set = (rc, path, ctx, stat) -> ((Completion) ctx).done(rc == OK);
    private final AsyncCallback.DataCallback read = (rc, path, ctx, data, stat) -> ((Completion) ctx).done(rc == OK);

    private ZooKeeperAsyncClient(ZooKeeper zk) {
        this.zk = zk;
    }

    /** Factory for the server benchmark: every server is driven by this same client. */
    static Factory factory() {
        return new Factory() {
            @Override
            public String label() {
                return "ZooKeeper 3.9.3 client";
            }

            @Override
            public AsyncClient open(String connectString) throws Exception {
                return new ZooKeeperAsyncClient(connect(connectString));
            }
        };
    }

    /** Opens a session and waits until it is connected. */
    static ZooKeeper connect(String connectString) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IOException("no session with " + connectString + " within " + CONNECT_TIMEOUT_MS + " ms");
        }
        return zk;
    }

    @Override
    public void create(String pathPrefix, byte[] data, Completion done) {
        zk.create(pathPrefix, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, created, done);
    }

    @Override
    public void setData(String path, byte[] data, Completion done) {
        zk.setData(path, data, -1, set, done);
    }

    @Override
    public void getData(String path, Completion done) {
        zk.getData(path, false, read, done);
    }

    @Override
    public void close() throws InterruptedException {
        zk.close(5_000);
    }
}
