package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several locks taken as one: acquired in list order, released in reverse. If any acquire fails
 * or times out, those already taken are released.
 */
public class InterProcessMultiLock implements InterProcessLock {
    private final List<InterProcessLock> locks;

    /** One {@link InterProcessMutex} per path. */
    public InterProcessMultiLock(CuratorFramework client, List<String> paths) {
        List<InterProcessLock> l = new ArrayList<>();
        for (String p : paths) {
            l.add(new InterProcessMutex(client, p));
        }
        this.locks = List.copyOf(l);
    }

    public InterProcessMultiLock(List<InterProcessLock> locks) {
        this.locks = List.copyOf(locks);
    }

    @Override
    public void acquire() throws Exception {
        acquire(-1, null);
    }

    @Override
    public boolean acquire(long time, TimeUnit unit) throws Exception {
        long deadline = unit == null ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(time);
        List<InterProcessLock> taken = new ArrayList<>();
        boolean ok = false;
        try {
            for (InterProcessLock lock : locks) {
                if (unit == null) {
                    lock.acquire();
                } else if (!lock.acquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
                taken.add(lock);
            }
            ok = true;
            return true;
        } finally {
            if (!ok) {
                releaseAll(taken);
            }
        }
    }

    @Override
    public void release() throws Exception {
        Exception first = releaseAll(locks);
        if (first != null) {
            throw first;
        }
    }

    private static Exception releaseAll(List<InterProcessLock> taken) {
        Exception first = null;
        for (int i = taken.size() - 1; i >= 0; i--) {
            try {
                taken.get(i).release();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }

    @Override
    public boolean isAcquiredInThisProcess() {
        return locks.stream().allMatch(InterProcessLock::isAcquiredInThisProcess);
    }
}
