package io.warden.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load with a bounded window: one issuing thread per session keeps at most
 * {@code window} asynchronous requests outstanding on it. Runs a warm-up, then a measured window,
 * then waits for every outstanding request to complete before returning (so sessions can be closed
 * without error noise).
 *
 * <p>Latency is issue-to-completion of each request, so it includes time queued in the client.
 * Being closed-loop, it understates tail latency under overload (coordinated omission); use it to
 * compare the two sides, not as an SLA number.
 *
 * <p>Per-op bookkeeping allocates next to nothing (pooled slots, shared callbacks; only a poll that
 * has to wait may allocate a queue node), so allocation measured around a run belongs to the client
 * library, see {@link Meters}.
 */
final class LoadDriver {

    /** Timing and shape of a run. */
    record Options(Duration warmup, Duration measure, int window, byte[] payload) {
        static Options from(BenchSettings s) {
            return new Options(s.warmup(), s.measure(), s.window(), new byte[s.payloadBytes()]);
        }
    }

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final Recorder latencyUs = new Recorder(3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile boolean measuring;
    private volatile boolean stopping;

    private LoadDriver() {
    }

    /**
     * Drives {@code workload} over {@code sessions} and returns the measured window.
     * Blocks for warm-up + measure + drain.
     *
     * @param server    the server process, for its CPU and disk counters
     */
    static RunResult run(String contender, List<AsyncClient> sessions, Workload workload, BenchPaths paths,
                         Options options, Meters.ServerProbe server) throws InterruptedException {
        return new LoadDriver().drive(contender, sessions, workload, paths, options, server);
    }

    private RunResult drive(String contender, List<AsyncClient> sessions, Workload workload, BenchPaths paths,
                            Options options, Meters.ServerProbe server) throws InterruptedException {
        List<SessionLoop> loops = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            loops.add(new SessionLoop(i, sessions.get(i), workload, paths, options));
        }
        loops.forEach(SessionLoop::start);
        try {
            sleep(options.warmup());
            latencyUs.reset();
            Meters before = Meters.sample(server);
            long okBefore = ok.sum();
            long failedBefore = failed.sum();
            long t0 = System.nanoTime();
            measuring = true;
            sleep(options.measure());
            measuring = false;
            long t1 = System.nanoTime();
            Meters after = Meters.sample(server);
            Histogram histogram = latencyUs.getIntervalHistogram();
            // Counters only move while measuring, so the differences are the window's.
            long okCount = ok.sum() - okBefore;
            long failedCount = failed.sum() - failedBefore;
            return new RunResult(contender, workload.label(), okCount, failedCount, (t1 - t0) / 1e9, histogram,
                    before.until(after), 0);
        } finally {
            stopping = true;
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            for (SessionLoop loop : loops) {
                loop.stopAndDrain(deadline);
            }
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        // Timing the window, not synchronising with anything.
        TimeUnit.NANOSECONDS.sleep(d.toNanos());
    }

    /** One session's issuing thread and its pool of in-flight slots. */
    private final class SessionLoop {
        private final int index;
        private final AsyncClient client;
        private final Workload workload;
        private final BenchPaths paths;
        private final byte[] payload;
        private final int window;
        private final ArrayBlockingQueue<Slot> free;
        private final Thread thread;

        SessionLoop(int index, AsyncClient client, Workload workload, BenchPaths paths, Options options) {
            this.index = index;
            this.client = client;
            this.workload = workload;
            this.paths = paths;
            this.payload = options.payload();
            this.window = options.window();
            this.free = new ArrayBlockingQueue<>(window);
            for (int i = 0; i < window; i++) {
                free.add(new Slot(free));
            }
            this.thread = new Thread(this::loop, "bench-load-" + index);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            long seq = 0;
            try {
                while (!stopping) {
                    Slot slot = free.poll(100, TimeUnit.MILLISECONDS);
                    if (slot == null) {
                        continue;
                    }
                    slot.startNanos = System.nanoTime();
                    try {
                        workload.issue(client, paths, index, seq++, payload, slot);
                    } catch (RuntimeException e) {
                        slot.done(false); // refused before it was sent; the slot must come back
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops issuing and waits until every slot has come back (or the deadline passes). */
        void stopAndDrain(long deadlineNanos) throws InterruptedException {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            while (free.size() < window && System.nanoTime() < deadlineNanos) {
                TimeUnit.MILLISECONDS.sleep(10); // polling with a deadline; completions have no other signal
            }
            if (free.size() < window) {
                System.err.printf("warning: session %d still has %d requests outstanding after the drain timeout%n",
                        index, window - free.size());
            }
        }
    }

    /** A reusable in-flight request: records its latency and returns itself to the pool on completion. */
    private final class Slot implements AsyncClient.Completion {
        private final ArrayBlockingQueue<Slot> home;
        volatile long startNanos;

        Slot(ArrayBlockingQueue<Slot> home) {
            this.home = home;
        }

        @Override
        public void done(boolean success) {
            if (measuring) {
                if (success) {
                    ok.increment();
                    latencyUs.recordValue(Math.max(0, (System.nanoTime() - startNanos) / 1000));
                } else {
                    failed.increment();
                }
            }
            home.offer(this);
        }
    }
}
