package io.warden.bench;

import io.warden.framework.CuratorFramework;
import io.warden.framework.CuratorFrameworkFactory;
import io.warden.framework.api.BackgroundCallback;
import io.warden.retry.ExponentialBackoffRetry;
import io.warden.znode.CreateMode;
import java.util.concurrent.TimeUnit;

/**
 * {@link AsyncClient} over Warden's framework background operations ({@code inBackground(callback,
 * context)}), one CuratorFramework (one session) per instance, configured exactly like
 * {@link CuratorAsyncClient}.
 */
final class WardenAsyncClient implements AsyncClient {
    private final CuratorFramework client;
    // One callback object per client: the harness adds no per-op allocation of its own here.
    private final BackgroundCallback callback =
            (c, event) -> ((Completion) event.getContext()).done(event.getResultCode() == 0);

    private WardenAsyncClient(CuratorFramework client) {
        this.client = client;
    }

    static Factory factory() {
        return new Factory() {
            @Override
            public String label() {
                return "Warden framework";
            }

            @Override
            public AsyncClient open(String connectString) throws Exception {
                return new WardenAsyncClient(connect(connectString));
            }
        };
    }

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
            throw new IllegalStateException("Warden framework did not connect to " + connectString);
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
