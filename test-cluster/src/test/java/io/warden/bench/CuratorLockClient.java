package io.warden.bench;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;

/** {@link LockClient} over Curator 5.7.1's {@code InterProcessMutex}, one CuratorFramework per instance. */
final class CuratorLockClient implements LockClient {
    private final CuratorFramework client;
    private final InterProcessMutex mutex;

    private CuratorLockClient(CuratorFramework client, String lockPath) {
        this.client = client;
        this.mutex = new InterProcessMutex(client, lockPath);
    }

    static Factory factory() {
        return new Factory() {
            @Override
            public String label() {
                return "Curator 5.7.1";
            }

            @Override
            public LockClient open(String connectString, String lockPath) throws Exception {
                return new CuratorLockClient(CuratorAsyncClient.connect(connectString), lockPath);
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
