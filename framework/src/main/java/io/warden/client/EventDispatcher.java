package io.warden.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one event thread of a client: watch events, session events and callbacks run here in the
 * order they were submitted, never on an I/O thread. A task that throws is logged and skipped.
 */
public final class EventDispatcher implements java.util.concurrent.Executor {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ExecutorService executor;
    private volatile Thread thread;

    public EventDispatcher(ThreadFactory factory) {
        ThreadFactory base = factory != null ? factory : r -> {
            Thread t = new Thread(r, "warden-event-" + IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = base.newThread(r);
            thread = t;
            return t;
        });
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("event handler failed", t);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("event dropped after shutdown");
        }
    }

    /** True when the caller is the event thread. */
    public boolean inEventThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs what is queued, then stops; waits at most {@code timeoutMs} unless called from the event thread. */
    public void shutdown(long timeoutMs) {
        executor.shutdown();
        if (!inEventThread() && timeoutMs > 0) {
            try {
                executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
