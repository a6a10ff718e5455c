package io.warden.server.compat;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Curator 5.7.1 InterProcessMutex against Warden: exclusive across clients and threads. */
class CuratorMutexTest extends CompatTestBase {
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
}
