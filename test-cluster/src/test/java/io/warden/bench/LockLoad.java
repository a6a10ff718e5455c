package io.warden.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * K contenders, one thread and one session each, loop acquire → release on the same mutex with zero
 * hold time. A handoff is one completed acquire+release; latency is the time acquire took. While a
 * thread holds the lock it checks that nobody else does (a violation would mean broken mutual
 * exclusion, counted and reported). Warm-up, measured window, then every thread finishes its cycle.
 */
final class LockLoad {
    private static final long ACQUIRE_TIMEOUT_MS = 5_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Recorder acquireUs = new Recorder(3);
    private final LongAdder handoffs = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder violations = new LongAdder();
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private volatile boolean measuring;
    private volatile boolean stopping;

    private LockLoad() {
    }

    /** Runs the contention loop over {@code contenders}; blocks for warm-up + measure + stop. */
    static RunResult run(String contender, String scenario, List<LockClient> contenders, Duration warmup,
                         Duration measure, Meters.ServerProbe server) throws InterruptedException {
        return new LockLoad().drive(contender, scenario, contenders, warmup, measure, server);
    }

    private RunResult drive(String contender, String scenario, List<LockClient> contenders, Duration warmup,
                            Duration measure, Meters.ServerProbe server) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            LockClient lock = contenders.get(i);
            Thread t = new Thread(() -> loop(lock), "bench-lock-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        try {
            TimeUnit.NANOSECONDS.sleep(warmup.toNanos()); // timing the window
            acquireUs.reset();
            Meters before = Meters.sample(server);
            long t0 = System.nanoTime();
            measuring = true;
            TimeUnit.NANOSECONDS.sleep(measure.toNanos());
            measuring = false;
            long t1 = System.nanoTime();
            Meters after = Meters.sample(server);
            Histogram histogram = acquireUs.getIntervalHistogram();
            if (firstError.get() != null) {
                System.err.println("  first lock error: " + firstError.get());
            }
            return new RunResult(contender, scenario, handoffs.sum(), failures.sum(), (t1 - t0) / 1e9, histogram,
                    before.until(after), violations.sum());
        } finally {
            stopping = true;
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    System.err.println("warning: " + t.getName() + " did not stop; interrupting it");
                    t.interrupt();
                }
            }
        }
    }

    private void loop(LockClient lock) {
        while (!stopping) {
            long start = System.nanoTime();
            try {
                if (!lock.acquire(ACQUIRE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    count(failures, null);
                    continue;
                }
                long acquired = System.nanoTime();
                if (holders.incrementAndGet() != 1) {
                    violations.increment();
                }
                holders.decrementAndGet();
                lock.release();
                if (measuring) {
                    handoffs.increment();
                    acquireUs.recordValue(Math.max(0, (acquired - start) / 1000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                count(failures, e);
                backOff();
            }
        }
    }

    private static void backOff() {
        try {
            TimeUnit.MILLISECONDS.sleep(10); // don't spin on a persistent error
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(LongAdder counter, Exception e) {
        if (measuring) {
            counter.increment();
        }
        if (e != null) {
            firstError.compareAndSet(null, e);
        }
    }
}
