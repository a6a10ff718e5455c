package io.warden.recipes.shared;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedCountTest extends RecipeTestBase {

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theFirstSeedWinsAndAChangeByOneClientReachesTheOthersListeners(Backend backend) throws Exception {
        try (SharedCount first = new SharedCount(newClient(backend), "/shared/seed", 3);
             SharedCount second = new SharedCount(newClient(backend), "/shared/seed", 99)) {
            first.start();
            second.start();
            assertEquals(3, second.getCount(), "the node already existed: the second seed is ignored");
            List<Integer> heard = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            first.addListener(new SharedCountListener() {
                @Override
                public void countHasChanged(SharedCountReader reader, int newCount) {
                    heard.add(newCount);
                    threads.add(Thread.currentThread().getName());
                }

                @Override
                public void stateChanged(CuratorFramework client, ConnectionState newState) {
                }
            });
            second.setCount(7);
            waitFor("first instance follows the change", () -> first.getCount() == 7);
            waitFor("listener told", () -> heard.contains(7));
            assertEquals(7, first.getVersionedValue().getValue());
            assertFalse(threads.get(0).startsWith("warden-client-io"), "listener not on an I/O thread: " + threads);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void trySetCountWithAStaleVersionWritesNothingAndRefreshesTheView(Backend backend) throws Exception {
        try (SharedCount a = new SharedCount(newClient(backend), "/shared/cas", 0);
             SharedCount b = new SharedCount(newClient(backend), "/shared/cas", 0)) {
            a.start();
            b.start();
            VersionedValue<Integer> seenByB = b.getVersionedValue();
            assertTrue(a.trySetCount(a.getVersionedValue(), 1), "a's version is current");
            assertFalse(b.trySetCount(seenByB, 2), "b's version is stale: refused");
            assertEquals(1, b.getCount(), "the refused write lost nothing and b now sees a's value");
            assertTrue(b.trySetCount(b.getVersionedValue(), 2), "with the refreshed version b succeeds");
            waitFor("a follows", () -> a.getCount() == 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void compareAndSetIncrementsFromTwoClientsAreNeverLost(Backend backend) throws Exception {
        List<SharedCount> counts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger conflicts = new AtomicInteger();
        try {
            for (int c = 0; c < 2; c++) {
                SharedCount count = new SharedCount(newClient(backend), "/shared/increments", 0);
                count.start();
                counts.add(count);
            }
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                SharedCount count = counts.get(t % 2);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        while (true) {
                            VersionedValue<Integer> v = count.getVersionedValue();
                            if (count.trySetCount(v, v.getValue() + 1)) {
                                break;
                            }
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            waitFor("both instances see 100", () -> counts.stream().allMatch(c -> c.getCount() == 100));
            assertTrue(conflicts.get() > 0, "the threads really raced (conflicts: " + conflicts + ")");
        } finally {
            pool.shutdownNow();
            counts.forEach(SharedCount::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sessionLossIsReportedAndChangesAreFollowedOnTheNewSession(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        CuratorFramework c2 = newClient(backend);
        try (SharedCount watched = new SharedCount(c1, "/shared/expiry", 0);
             SharedCount writer = new SharedCount(c2, "/shared/expiry", 0)) {
            watched.start();
            writer.start();
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            List<Integer> heard = new CopyOnWriteArrayList<>();
            watched.addListener(new SharedCountListener() {
                @Override
                public void countHasChanged(SharedCountReader reader, int newCount) {
                    heard.add(newCount);
                }

                @Override
                public void stateChanged(CuratorFramework client, ConnectionState newState) {
                    states.add(newState);
                }
            });
            expireSession(c1, backend);
            waitFor("LOST reported to the listener", () -> states.contains(ConnectionState.LOST));
            waitFor("reconnected on a new session", () -> states.contains(ConnectionState.RECONNECTED));
            writer.setCount(42);
            waitFor("the watch was re-armed on the new session", () -> watched.getCount() == 42);
            waitFor("listener told", () -> heard.contains(42));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sharedValueHoldsBytesAndANonCountNodeIsAClearError(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        try (SharedValue value = new SharedValue(client, "/shared/bytes", hello)) {
            value.start();
            assertArrayEquals(hello, value.getValue());
            value.setValue(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, client.getData().forPath("/shared/bytes"));
            assertEquals(1, value.getVersionedValue().getVersion());
        }
        try (SharedCount count = new SharedCount(client, "/shared/bytes", 0)) {
            count.start();
            IllegalStateException e = assertThrows(IllegalStateException.class, count::getCount);
            assertTrue(e.getMessage().contains("/shared/bytes"), e.getMessage());
            assertArrayEquals(new byte[] {1, 2, 3}, client.getData().forPath("/shared/bytes"), "nothing overwritten");
        }
        SharedCount notStarted = new SharedCount(client, "/shared/never", 0);
        assertThrows(IllegalStateException.class, () -> notStarted.setCount(1));
    }
}
