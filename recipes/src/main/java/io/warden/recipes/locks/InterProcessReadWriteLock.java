package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;

import java.util.List;

/**
 * A re-entrant read/write lock across processes. Readers and writers queue under one path
 * ({@code __READ__} / {@code __WRIT__} nodes, as in Curator). A writer holds when it is first; a
 * reader holds when no writer is queued before it (or its thread holds the write lock, so a
 * writer may downgrade by acquiring read then releasing write). A reader watches the nearest
 * writer before it; a writer watches its predecessor.
 */
public class InterProcessReadWriteLock {
    private static final String READ = "__READ__";
    private static final String WRITE = "__WRIT__";

    private final InterProcessMutex writeMutex;
    private final InterProcessMutex readMutex;

    public InterProcessReadWriteLock(CuratorFramework client, String basePath) {
        this(client, basePath, null);
    }

    public InterProcessReadWriteLock(CuratorFramework client, String basePath, byte[] lockData) {
        writeMutex = new InterProcessMutex(client, basePath, WRITE, lockData,
                (sorted, idx) -> LockInternals.mutexDecision(sorted, idx, 1));
        readMutex = new InterProcessMutex(client, basePath, READ, lockData, this::readDecision);
    }

    private LockInternals.Decision readDecision(List<String> sorted, int idx) {
        if (writeMutex.isOwnedByCurrentThread()) {
            return LockInternals.Decision.hold();
        }
        for (int i = idx - 1; i >= 0; i--) {
            if (sorted.get(i).contains(WRITE)) {
                return new LockInternals.Decision(false, sorted.get(i));
            }
        }
        return LockInternals.Decision.hold();
    }

    public InterProcessMutex readLock() {
        return readMutex;
    }

    public InterProcessMutex writeLock() {
        return writeMutex;
    }
}
