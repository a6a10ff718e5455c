package io.warden.recipes.atomic;

import io.warden.framework.CuratorFramework;
import io.warden.retry.RetryPolicy;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A long counter in one znode (8 bytes, big-endian, as Curator stores it), changed by optimistic
 * compare-and-set on the node version. An operation that keeps losing the race is retried while
 * the {@link RetryPolicy} allows; then the result reports {@code succeeded() == false}.
 *
 * <p>Threading: thread-safe; every method blocks for its reads/writes.
 */
public class DistributedAtomicLong {
    private final CuratorFramework client;
    private final String path;
    private final RetryPolicy retryPolicy;

    public DistributedAtomicLong(CuratorFramework client, String counterPath, RetryPolicy retryPolicy) {
        this.client = client;
        this.path = counterPath;
        this.retryPolicy = retryPolicy;
    }

    private record Result(boolean succeeded, Long preValue, Long postValue) implements AtomicValue<Long> {}

    /** Reads the value (0 if the node does not exist). Always succeeds. */
    public AtomicValue<Long> get() throws Exception {
        long v = read(new Stat());
        return new Result(true, v, v);
    }

    public AtomicValue<Long> increment() throws Exception {
        return add(1L);
    }

    public AtomicValue<Long> decrement() throws Exception {
        return add(-1L);
    }

    public AtomicValue<Long> subtract(Long delta) throws Exception {
        return add(-delta);
    }

    public AtomicValue<Long> add(Long delta) throws Exception {
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            Stat stat = new Stat();
            long pre = read(stat);
            if (tryWrite(stat, pre + delta)) {
                return new Result(true, pre, pre + delta);
            }
            if (!retryPolicy.allowRetry(attempt, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    io.warden.retry.RetrySleeper.BLOCKING)) {
                return new Result(false, pre, pre);
            }
        }
    }

    /** Sets {@code newValue} only if the current value is {@code expectedValue}; one attempt. */
    public AtomicValue<Long> compareAndSet(Long expectedValue, Long newValue) throws Exception {
        Stat stat = new Stat();
        long pre = read(stat);
        if (pre != expectedValue) {
            return new Result(false, pre, pre);
        }
        boolean ok = tryWrite(stat, newValue);
        return new Result(ok, pre, ok ? newValue : pre);
    }

    /** Sets the value if no one else changes it meanwhile; one attempt. */
    public AtomicValue<Long> trySet(Long newValue) throws Exception {
        Stat stat = new Stat();
        long pre = read(stat);
        boolean ok = tryWrite(stat, newValue);
        return new Result(ok, pre, ok ? newValue : pre);
    }

    /** Sets the value unconditionally. */
    public void forceSet(Long newValue) throws Exception {
        try {
            client.setData().forPath(path, bytes(newValue));
        } catch (KeeperException.NoNodeException e) {
            try {
                client.create().creatingParentContainersIfNeeded().forPath(path, bytes(newValue));
            } catch (KeeperException.NodeExistsException raced) {
                client.setData().forPath(path, bytes(newValue));
            }
        }
    }

    /** Creates the counter with {@code value} if it does not exist. @return true if created */
    public boolean initialize(Long value) throws Exception {
        try {
            client.create().creatingParentContainersIfNeeded().forPath(path, bytes(value));
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        }
    }

    private long read(Stat stat) throws Exception {
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            if (data == null || data.length == 0) {
                return 0;
            }
            if (data.length != Long.BYTES) {
                throw new IllegalStateException("counter " + path + " holds " + data.length + " bytes, not 8");
            }
            return ByteBuffer.wrap(data).getLong();
        } catch (KeeperException.NoNodeException e) {
            stat.setVersion(-1);
            return 0;
        }
    }

    /** CAS on the version read; a missing node (version -1 marker) is created. */
    private boolean tryWrite(Stat stat, long value) throws Exception {
        try {
            if (stat.getVersion() < 0) {
                client.create().creatingParentContainersIfNeeded().forPath(path, bytes(value));
            } else {
                client.setData().withVersion(stat.getVersion()).forPath(path, bytes(value));
            }
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
            return false;
        }
    }

    private static byte[] bytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }
}
