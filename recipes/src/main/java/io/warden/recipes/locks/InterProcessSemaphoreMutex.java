package io.warden.recipes.locks;

import java.util.concurrent.TimeUnit;

/**
 * A non-re-entrant mutex across processes (a semaphore of one lease). Unlike
 * {@link InterProcessMutex} it is not tied to a thread: any thread may release it.
 */
public class InterProcessSemaphoreMutex implements InterProcessLock {
    private final InterProcessSemaphoreV2 semaphore;
    private final java.util.concurrent.atomic.AtomicReference<Lease> lease = new java.util.concurrent.atomic.AtomicReference<>();

    public InterProcessSemaphoreMutex(io.warden.framework.CuratorFramework client, String path) {
        this.semaphore = new InterProcessSemaphoreV2(client, path, 1);
    }

    @Override
    public void acquire() throws Exception {
        hold(semaphore.acquire());
    }

    @Override
    public boolean acquire(long time, TimeUnit unit) throws Exception {
        Lease l = semaphore.acquire(time, unit);
        if (l == null) {
            return false;
        }
        hold(l);
        return true;
    }

    private void hold(Lease l) {
        if (!lease.compareAndSet(null, l)) {
            semaphore.returnLease(l);
            throw new IllegalStateException("a semaphore mutex is not re-entrant");
        }
    }

    @Override
    public void release() throws Exception {
        Lease l = lease.getAndSet(null);
        if (l == null) {
            throw new IllegalMonitorStateException("not acquired");
        }
        l.close();
    }

    @Override
    public boolean isAcquiredInThisProcess() {
        return lease.get() != null;
    }
}
