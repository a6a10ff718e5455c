package io.warden.bench;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.locks.InterProcessMutex;
import java.util.concurrent.TimeUnit;

/**
 * {@link LockClient} over Warden's {@code InterProcessMutex}, one CuratorFramework per instance,
 * configured like {@link CuratorLockClient}.
 */
final class WardenLockClient implements LockClient {
    private final CuratorFramework client;
    private final InterProcessMutex mutex;

    private WardenLockClient(CuratorFramework client, String lockPath) {
        this.client = client;
        this.mutex = new InterProcessMutex(client, lockPath);
    }

    static Factory factory() {
        return new Factory() {
            @Override
            public String label() {
                return "Warden recipes";
            }

            @Override
            public LockClient open(String connectString, String lockPath) throws Exception {
                return new WardenLockClient(WardenAsyncClient.connect(connectString), lockPath);
            }
        };
    }

    @Override
    public boolean acquire(long time, TimeUnit unit) throws Exception {
        return mutex.acquire(time, unit);
    }

    @Override
    public void release() throws Exception {
        mutex.release();
    }

    @Override
    public void close() {
        client.close();
    }
}
