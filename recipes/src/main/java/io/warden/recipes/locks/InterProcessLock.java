package io.warden.recipes.locks;

import java.util.concurrent.TimeUnit;

/**
 * A lock shared across processes. Methods block the calling thread; none may be called from a
 * client's event thread (a watcher or background callback), because waiting needs that thread.
 */
public interface InterProcessLock {
    /** Blocks until the lock is held. @throws Exception on connection/session failure (the lock is not held) */
    void acquire() throws Exception;

    /** @return true if acquired within the time; false leaves nothing behind in the tree */
    boolean acquire(long time, TimeUnit unit) throws Exception;

    /** @throws IllegalMonitorStateException if the calling thread does not hold the lock */
    void release() throws Exception;

    /** True if any thread of this process (this instance) holds the lock. */
    boolean isAcquiredInThisProcess();
}
