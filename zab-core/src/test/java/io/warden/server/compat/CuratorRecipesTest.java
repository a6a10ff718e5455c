package io.warden.server.compat;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Curator 5.7.1 recipes against Warden: InterProcessMutex, LeaderLatch, CuratorCache. */
class CuratorRecipesTest extends CompatTestBase {
    private static final int CLIENTS = 3;
    private static final int THREADS_PER_CLIENT = 3;
    private static final int INCREMENTS_PER_THREAD = 10;

    @Test
    void interProcessMutexGivesMutualExclusionAcrossClientsAndThreads() throws Exception {
        List<CuratorFramework> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(curator());
        }
        clients.get(0).create().forPath("/counter", "0".getBytes(StandardCharsets.UTF_8));
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS * THREADS_PER_CLIENT);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (CuratorFramework client : clients) {
                for (int t = 0; t < THREADS_PER_CLIENT; t++) {
                    InterProcessMutex mutex = new InterProcessMutex(client, "/locks/counter");
                    work.add(pool.submit(() -> {
                        for (int n = 0; n < INCREMENTS_PER_THREAD; n++) {
                            if (!mutex.acquire(20, TimeUnit.SECONDS)) {
                                throw new AssertionError("lock not acquired within 20 s");
                            }
                            try {
                                maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                                // an unprotected read-modify-write: only mutual exclusion keeps it exact
                                byte[] raw = client.getData().forPath("/counter");
                                int value = Integer.parseInt(new String(raw, StandardCharsets.UTF_8));
                                client.setData().forPath("/counter", Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8));
                            } finally {
                                holders.decrementAndGet();
                                mutex.release();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int expected = CLIENTS * THREADS_PER_CLIENT * INCREMENTS_PER_THREAD;
        assertEquals(Integer.toString(expected), new String(clients.get(1).getData().forPath("/counter"), StandardCharsets.UTF_8));
        assertEquals(1, maxHolders.get(), "never two holders at once");
        assertEquals(List.of(), clients.get(2).getChildren().forPath("/locks/counter"), "every lock node was removed");
    }

    @Test
    void leaderLatchElectsExactlyOneLeaderAndLeadershipMovesWhenItCloses() throws Exception {
        List<LeaderLatch> latches = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            LeaderLatch latch = new LeaderLatch(curator(), "/election", "p" + i);
            latch.start();
            latches.add(latch);
        }
        try {
            LeaderLatch first = awaitSingleLeader(latches);
            assertEquals(first.getId(), latches.get(1).getLeader().getId(), "everyone agrees on the leader");
            first.close();
            latches.remove(first);
            LeaderLatch second = awaitSingleLeader(latches);
            assertTrue(second != first);
            assertEquals(2, second.getParticipants().size());
        } finally {
            for (LeaderLatch l : latches) {
                l.close();
            }
        }
    }

    private static LeaderLatch awaitSingleLeader(List<LeaderLatch> latches) {
        Poll.until("exactly one leader among " + latches.size(),
                () -> latches.stream().filter(LeaderLatch::hasLeadership).count() == 1
                        && latches.stream().allMatch(l -> {
                            try {
                                return l.getParticipants().size() == latches.size();
                            } catch (Exception e) {
                                return false;
                            }
                        }));
        return latches.stream().filter(LeaderLatch::hasLeadership).findFirst().orElseThrow();
    }

    @Test
    void curatorCacheSeesCreatesChangesAndDeletesInTheSubtree() throws Exception {
        CuratorFramework client = curator();
        CuratorFramework writer = curator();
        client.create().forPath("/cache", "root".getBytes(StandardCharsets.UTF_8));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        CountDownLatch initialized = new CountDownLatch(1);
        CuratorCacheListener listener = CuratorCacheListener.builder()
                .forCreates(n -> seen.add("create " + n.getPath() + " " + text(n.getData())))
                .forChanges((old, now) -> seen.add("change " + now.getPath() + " " + text(old.getData()) + "->" + text(now.getData())))
                .forDeletes(n -> seen.add("delete " + n.getPath()))
                .forInitialized(initialized::countDown)
                .afterInitialized()
                .build();
        try (CuratorCache cache = CuratorCache.build(client, "/cache")) {
            cache.listenable().addListener(listener);
            cache.start();
            assertTrue(initialized.await(10, TimeUnit.SECONDS), "cache initialized");

            writer.create().forPath("/cache/a", "1".getBytes(StandardCharsets.UTF_8));
            assertEquals("create /cache/a 1", take(seen));
            writer.setData().forPath("/cache/a", "2".getBytes(StandardCharsets.UTF_8));
            assertEquals("change /cache/a 1->2", take(seen));
            writer.create().forPath("/cache/a/deep", "d".getBytes(StandardCharsets.UTF_8));
            assertEquals("create /cache/a/deep d", take(seen));
            writer.delete().forPath("/cache/a/deep");
            assertEquals("delete /cache/a/deep", take(seen));
            writer.setData().forPath("/cache", "root2".getBytes(StandardCharsets.UTF_8));
            assertEquals("change /cache root->root2", take(seen));
            Poll.until("cache holds /cache/a with data 2",
                    () -> cache.get("/cache/a").map(d -> "2".equals(text(d.getData()))).orElse(false));
            assertEquals(2, cache.size());
        }
    }

    private static String text(byte[] data) {
        return data == null ? "null" : new String(data, StandardCharsets.UTF_8);
    }

    private static String take(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            fail("no cache event within 10 s");
        }
        return s;
    }
}
