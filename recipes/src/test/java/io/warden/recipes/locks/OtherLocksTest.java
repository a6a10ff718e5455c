package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtherLocksTest extends RecipeTestBase {

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void semaphoreHandsOutAtMostMaxLeasesAndATimedOutWaiterLeavesNoNode(Backend backend) throws Exception {
        InterProcessSemaphoreV2 s1 = new InterProcessSemaphoreV2(newClient(backend), "/sem", 2);
        InterProcessSemaphoreV2 s2 = new InterProcessSemaphoreV2(newClient(backend), "/sem", 2);
        Collection<Lease> two = s1.acquire(2);
        assertEquals(2, two.size());
        assertNull(s2.acquire(200, TimeUnit.MILLISECONDS), "no third lease");
        assertEquals(2, s1.getParticipantNodes().size(), "the timed-out node is gone");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Lease> waiting = pool.submit(() -> s2.acquire());
            waitFor("waiter queued", () -> nodes(s1) == 3);
            s1.returnLease(two.iterator().next());
            Lease got = waiting.get(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(got);
            got.close();
        } finally {
            pool.shutdownNow();
        }
        s1.returnAll(List.copyOf(two).subList(1, 2));
        waitFor("all returned", () -> nodes(s1) == 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void semaphoreMutexIsNotReentrantAndAnyThreadMayRelease(Backend backend) throws Exception {
        InterProcessSemaphoreMutex m = new InterProcessSemaphoreMutex(newClient(backend), "/semmutex");
        InterProcessSemaphoreMutex other = new InterProcessSemaphoreMutex(newClient(backend), "/semmutex");
        m.acquire();
        assertFalse(other.acquire(100, TimeUnit.MILLISECONDS));
        Thread t = new Thread(() -> {
            try {
                m.release();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        t.join();
        assertTrue(other.acquire(5, TimeUnit.SECONDS));
        other.release();
        assertThrows(IllegalMonitorStateException.class, other::release);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void readersShareWritersExcludeAndAWriterMayDowngrade(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        CuratorFramework c2 = newClient(backend);
        InterProcessReadWriteLock rw1 = new InterProcessReadWriteLock(c1, "/rw");
        InterProcessReadWriteLock rw2 = new InterProcessReadWriteLock(c2, "/rw");
        rw1.readLock().acquire();
        assertTrue(rw2.readLock().acquire(5, TimeUnit.SECONDS), "two readers at once");
        assertFalse(rw2.writeLock().acquire(200, TimeUnit.MILLISECONDS), "no writer while reading");
        rw1.readLock().release();
        rw2.readLock().release();
        rw1.writeLock().acquire();
        assertFalse(rw2.readLock().acquire(200, TimeUnit.MILLISECONDS), "no reader while writing");
        assertTrue(rw1.readLock().acquire(5, TimeUnit.SECONDS), "the writer's thread may also read (downgrade)");
        rw1.writeLock().release();
        assertTrue(rw2.readLock().acquire(5, TimeUnit.SECONDS), "after the downgrade another reader gets in");
        rw2.readLock().release();
        rw1.readLock().release();
        assertTrue(rw1.readLock().getParticipantNodes().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void multiLockTakesAllOrNone(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        CuratorFramework c2 = newClient(backend);
        InterProcessMutex blocker = new InterProcessMutex(c2, "/multi-b");
        blocker.acquire();
        InterProcessMultiLock multi = new InterProcessMultiLock(c1, List.of("/multi-a", "/multi-b"));
        assertFalse(multi.acquire(200, TimeUnit.MILLISECONDS));
        InterProcessMutex a = new InterProcessMutex(c2, "/multi-a");
        assertTrue(a.getParticipantNodes().isEmpty(), "the lock taken first was given back");
        blocker.release();
        assertTrue(multi.acquire(5, TimeUnit.SECONDS));
        assertTrue(multi.isAcquiredInThisProcess());
        multi.release();
        assertTrue(a.getParticipantNodes().isEmpty());
    }

    private static int nodes(InterProcessSemaphoreV2 s) {
        try {
            return s.getParticipantNodes().size();
        } catch (Exception e) {
            return -1;
        }
    }
}
