package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import io.warden.znode.KeeperException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterProcessMutexTest extends RecipeTestBase {

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void threadsOnThreeClientsIncrementExactlyWithFifoTokensAndOneWakeupPerRelease(Backend backend) throws Exception {
        int clients = 3;
        int threadsPerClient = 3;
        int rounds = 15;
        List<InterProcessMutex> locks = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            locks.add(new InterProcessMutex(newClient(backend), "/counter-lock"));
        }
        int[] counter = {0};
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> grantTokens = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients * threadsPerClient);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                InterProcessMutex lock = locks.get(c);
                for (int t = 0; t < threadsPerClient; t++) {
                    futures.add(pool.submit(() -> {
                        for (int r = 0; r < rounds; r++) {
                            lock.acquire();
                            try {
                                if (inside.incrementAndGet() != 1) {
                                    overlaps.incrementAndGet();
                                }
                                grantTokens.add(lock.getFencingToken());
                                counter[0]++;
                                inside.decrementAndGet();
                            } finally {
                                lock.release();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = clients * threadsPerClient * rounds;
        assertEquals(total, counter[0], "every increment under the lock counted exactly once");
        assertEquals(0, overlaps.get(), "never two holders at once");
        for (int i = 1; i < grantTokens.size(); i++) {
            assertTrue(grantTokens.get(i) > grantTokens.get(i - 1),
                    "grants follow node creation order (FIFO by sequence): tokens strictly increase");
        }
        long events = locks.stream().mapToLong(InterProcessMutex::watchEventCount).sum();
        long waits = locks.stream().mapToLong(InterProcessMutex::waitCount).sum();
        assertTrue(waits > 0, "there was contention");
        assertEquals(waits, events, "each sleeping waiter is woken by exactly one watch event (no herd)");
        assertTrue(events < total, "fewer watch events than grants: a release wakes at most one waiter");
        assertTrue(locks.get(0).getParticipantNodes().isEmpty(), "no lock node left behind");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void reentrantAcquireKeepsOneNodeUntilTheLastRelease(Backend backend) throws Exception {
        InterProcessMutex lock = new InterProcessMutex(newClient(backend), "/reentrant");
        lock.acquire();
        assertTrue(lock.acquire(1, TimeUnit.SECONDS));
        assertEquals(1, lock.getParticipantNodes().size());
        lock.release();
        assertTrue(lock.isOwnedByCurrentThread());
        assertEquals(1, lock.getParticipantNodes().size());
        lock.release();
        assertFalse(lock.isAcquiredInThisProcess());
        assertTrue(lock.getParticipantNodes().isEmpty());
        assertThrows(IllegalMonitorStateException.class, lock::release);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void timedOutAndInterruptedAcquiresLeaveNoNode(Backend backend) throws Exception {
        InterProcessMutex holder = new InterProcessMutex(newClient(backend), "/timeouts");
        InterProcessMutex other = new InterProcessMutex(newClient(backend), "/timeouts");
        holder.acquire();
        assertFalse(other.acquire(200, TimeUnit.MILLISECONDS), "times out while held elsewhere");
        assertEquals(1, holder.getParticipantNodes().size(), "the timed-out node was deleted");

        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                other.acquire();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        waiter.start();
        waitFor("waiter queued", () -> participants(holder) == 2);
        waiter.interrupt();
        assertTrue(done.await(WAIT_S, TimeUnit.SECONDS));
        assertTrue(failure.get() instanceof InterruptedException, "acquire reports the interrupt: " + failure.get());
        waitFor("interrupted node deleted", () -> participants(holder) == 1);
        assertFalse(other.isAcquiredInThisProcess());
        holder.release();
        assertTrue(other.acquire(5, TimeUnit.SECONDS), "lock is free again");
        other.release();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void expiredHolderLosesTheLockAndItsFencedWriteIsRefused(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        CuratorFramework c2 = newClient(backend);
        c2.create().forPath("/fenced-resource", "init".getBytes(StandardCharsets.UTF_8));
        InterProcessMutex l1 = new InterProcessMutex(c1, "/fence-lock");
        InterProcessMutex l2 = new InterProcessMutex(c2, "/fence-lock");
        l1.acquire();
        long oldToken = l1.getFencingToken();
        ExecutorService secondThread = Executors.newSingleThreadExecutor();
        Future<Long> second = secondThread.submit(() -> {
            l2.acquire();
            return l2.getFencingToken();
        });
        waitFor("second client queued", () -> participants(l1) == 2);
        expireSession(c1, backend);
        long newToken = second.get(WAIT_S, TimeUnit.SECONDS);
        assertTrue(newToken > oldToken, "the next grant has a larger token");
        waitFor("old holder told its grant is lost", l1::isLockLost);
        assertTrue(c1.blockUntilConnected(15, TimeUnit.SECONDS), "old holder reconnects with a new session");

        KeeperException refused = assertThrows(KeeperException.class, () -> l1.fencedTransaction(
                c1.transactionOp().setData().forPath("/fenced-resource", "stale".getBytes(StandardCharsets.UTF_8))));
        assertEquals(KeeperException.Code.NONODE, refused.code());
        assertArrayEquals("init".getBytes(StandardCharsets.UTF_8), c2.getData().forPath("/fenced-resource"));

        secondThread.submit(() -> {
            l2.fencedTransaction(c2.transactionOp().setData().forPath("/fenced-resource",
                    "fresh".getBytes(StandardCharsets.UTF_8)));
            l2.release();
            return null;
        }).get(WAIT_S, TimeUnit.SECONDS);
        secondThread.shutdown();
        assertArrayEquals("fresh".getBytes(StandardCharsets.UTF_8), c2.getData().forPath("/fenced-resource"));
        l1.release(); // clears the stale hold; the node is already gone
        assertFalse(l1.isAcquiredInThisProcess());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void revokerAsksTheHolderToRelease(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        InterProcessMutex lock = new InterProcessMutex(c1, "/revocable");
        CountDownLatch asked = new CountDownLatch(1);
        lock.makeRevocable(l -> asked.countDown());
        lock.acquire();
        String node = lock.getParticipantNodes().iterator().next();
        Revoker.attemptRevoke(newClient(backend), node);
        assertTrue(asked.await(WAIT_S, TimeUnit.SECONDS), "revocation listener called");
        lock.release();
    }

    /**
     * The seed example with imports rewritten to io.warden.*: ten threads share one mutex on
     * /locks, each acquiring, holding briefly and releasing. The hold is a read-yield-write of a
     * plain counter, so any overlap of two holders would lose an increment.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void seedExampleTenThreadsShareOneMutexOnLocks(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        InterProcessMutex lock = new InterProcessMutex(client, "/locks");
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        int[] unguarded = {0};
        java.util.Set<String> ran = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(pool.submit(() -> {
                lock.acquire();
                try {
                    maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                    int before = unguarded[0];
                    Thread.yield(); // "hold briefly": invite another thread in, if the lock would let it
                    unguarded[0] = before + 1;
                    ran.add(Thread.currentThread().getName());
                    holders.decrementAndGet();
                } finally {
                    lock.release();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(10, ran.size(), "every one of the ten threads acquired and released");
        assertEquals(1, maxHolders.get(), "one holder at a time");
        assertEquals(10, unguarded[0], "no increment lost: the holds never overlapped");
        assertTrue(lock.getParticipantNodes().isEmpty(), "no lock node left behind");
        assertFalse(lock.isAcquiredInThisProcess());
    }

    private static int participants(InterProcessMutex lock) {
        try {
            return lock.getParticipantNodes().size();
        } catch (Exception e) {
            return -1;
        }
    }
}
