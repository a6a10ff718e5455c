package io.warden.bench;

import java.util.concurrent.TimeUnit;

/**
 * One client session holding one inter-process mutex on a shared path, as the lock benchmark sees it.
 * Adapters exist for Curator's and Warden's {@code InterProcessMutex}. Used by one thread at a time.
 */
interface LockClient extends AutoCloseable {

    /** Blocks until the lock is held or the timeout passes; true if held. */
    boolean acquire(long time, TimeUnit unit) throws Exception;

    /** Releases a held lock. */
    void release() throws Exception;

    @Override
    void close() throws Exception;

    /** Opens sessions of one recipe library. */
    interface Factory {
        String label();

        /** A connected session with a mutex on {@code lockPath}; blocks until connected. */
        LockClient open(String connectString, String lockPath) throws Exception;
    }
}
