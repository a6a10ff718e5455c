package io.warden.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDispatcherTest {

    @Test
    void tasksFromSeveralThreadsRunOnOneThreadKeepingEachSubmittersOrder() throws Exception {
        EventDispatcher d = new EventDispatcher(null);
        int threads = 4;
        int perThread = 5_000;
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            seen.add(new ArrayList<>());
        }
        Set<Thread> runners = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(threads * perThread);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    d.execute(() -> {
                        runners.add(Thread.currentThread());
                        seen.get(id).add(n); // only the event thread touches the lists
                        done.countDown();
                    });
                }
            });
            submitters.add(th);
            th.start();
        }
        assertTrue(done.await(20, TimeUnit.SECONDS), "every task ran");
        d.shutdown(1000);
        assertEquals(1, runners.size(), "one event thread");
        for (List<Integer> l : seen) {
            assertEquals(perThread, l.size());
            for (int i = 0; i < perThread; i++) {
                assertEquals(i, l.get(i));
            }
        }
        for (Thread th : submitters) {
            th.join(1000);
        }
    }

    @Test
    void aTaskThatThrowsIsSkippedAndLaterTasksStillRun() throws Exception {
        EventDispatcher d = new EventDispatcher(null);
        CountDownLatch after = new CountDownLatch(1);
        d.execute(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        d.execute(after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        d.shutdown(1000);
    }

    @Test
    void shutdownRunsWhatWasQueuedThenDropsLaterTasks() throws Exception {
        EventDispatcher d = new EventDispatcher(null);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        d.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.add(0);
        });
        for (int i = 1; i <= 3; i++) {
            int n = i;
            d.execute(() -> ran.add(n));
        }
        Thread stopper = new Thread(() -> d.shutdown(10_000));
        stopper.start();
        release.countDown();
        stopper.join(15_000);
        assertEquals(List.of(0, 1, 2, 3), ran, "queued before shutdown: all ran, in order");
        d.execute(() -> ran.add(99));
        assertEquals(List.of(0, 1, 2, 3), ran, "after shutdown: dropped");
    }

    @Test
    void aDispatcherThatNeverRanATaskShutsDownWithoutMakingAThread() {
        AtomicInteger made = new AtomicInteger();
        EventDispatcher d = new EventDispatcher(r -> {
            made.incrementAndGet();
            return new Thread(r);
        });
        d.shutdown(5_000);
        d.execute(() -> { });
        assertEquals(0, made.get());
    }
}
