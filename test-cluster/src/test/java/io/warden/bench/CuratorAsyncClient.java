package io.warden.bench;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * {@link AsyncClient} over Apache Curator 5.7.1 background operations ({@code inBackground(callback)}),
 * one CuratorFramework (one session) per instance, default options apart from timeouts.
 */
final class CuratorAsyncClient implements AsyncClient {
    private static final int OK = KeeperException.Code.OK.intValue();

    private final CuratorFramework client;
    // One callback object per client: the harness adds no per-op allocation of its own here.
    private final BackgroundCallback callback = (c, event) -> ((Completion) event.getContext()).done(event.getResultCode() == OK);

    private CuratorAsyncClient(CuratorFramework client) {
        this.client = client;
    }

    static Factory factory() {
        return new Factory() {
            @Override
            public String label() {
                return "Curator 5.7.1";
            }

            @Override
            public AsyncClient open(String connectString) throws Exception {
                return new CuratorAsyncClient(connect(connectString));
            }
        };
    }

    /** A started client, connected or failed within the connect timeout. */
    static CuratorFramework connect(String connectString) throws Exception {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(ZooKeeperAsyncClient.SESSION_TIMEOUT_MS)
                .connectionTimeoutMs(15_000)
                .retryPolicy(new ExponentialBackoffRetry(1000, 3))
                .build();
        client.start();
        if (!client.blockUntilConnected((int) ZooKeeperAsyncClient.CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("Curator did not connect to " + connectString);
        }
        return client;
    }

    @Override
    public void create(String pathPrefix, byte[] data, Completion done) {
        try {
            client.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).inBackground(callback, done).forPath(pathPrefix, data);
        } catch (Exception e) {
            done.done(false);
        }
    }

    @Override
    public void setData(String path, byte[] data, Completion done) {
        try {
            client.setData().inBackground(callback, done).forPath(path, data);
        } catch (Exception e) {
            done.done(false);
        }
    }

    @Override
    public void getData(String path, Completion done) {
        try {
            client.getData().inBackground(callback, done).forPath(path);
        } catch (Exception e) {
            done.done(false);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
