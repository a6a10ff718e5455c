package io.warden.client;

import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one event thread of a client: watch events, session events and callbacks run here in the
 * order they were submitted, never on an I/O thread. A task that throws is logged and skipped.
 *
 * <p>Threading: {@link #execute} may be called from any thread and never blocks; it costs one
 * lock-free enqueue, plus an unpark only when the event thread is idle. The thread is made by the
 * factory on the first task.
 */
public final class EventDispatcher implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ThreadFactory factory;
    private final Queue<Runnable> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Thread thread;
    /** Set by the event thread just before it parks; producers unpark it only then. */
    private volatile boolean idle;
    private volatile boolean shutdown;

    public EventDispatcher(ThreadFactory factory) {
        this.factory = factory != null ? factory : r -> {
            Thread t = new Thread(r, "warden-event-" + IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            LOG.debug("event dropped after shutdown");
            return;
        }
        queue.offer(task);
        Thread t = thread;
        if (t == null) {
            startThread();
        } else if (idle) {
            LockSupport.unpark(t);
        }
    }

    private void startThread() {
        if (started.compareAndSet(false, true)) {
            Thread t = factory.newThread(this::runLoop);
            thread = t;
            t.start();
        }
    }

    private void runLoop() {
        try {
            while (true) {
                Runnable task = queue.poll();
                if (task != null) {
                    runSafely(task);
                } else if (shutdown) {
                    // everything submitted before shutdown has run
                    if (queue.isEmpty()) {
                        return;
                    }
                } else {
                    idle = true;
                    // re-check after publishing idle: a producer either sees idle or its task is seen here
                    if (queue.isEmpty() && !shutdown) {
                        LockSupport.park(this);
                    }
                    idle = false;
                }
            }
        } finally {
            terminated.countDown();
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.error("event handler failed", t);
        }
    }

    /** True when the caller is the event thread. */
    public boolean inEventThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs what is queued, then stops; waits at most {@code timeoutMs} unless called from the event thread. */
    public void shutdown(long timeoutMs) {
        shutdown = true;
        if (started.compareAndSet(false, true)) {
            terminated.countDown(); // never started: nothing to run
            return;
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        if (!inEventThread() && timeoutMs > 0) {
            try {
                terminated.await(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
