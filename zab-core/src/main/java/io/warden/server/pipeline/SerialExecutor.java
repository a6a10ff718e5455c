package io.warden.server.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that owns the znode store and the sessions. Tasks run in submission order; after
 * each batch of queued tasks the {@code afterBatch} hook runs (the pipeline flushes sockets there, so
 * many replies share one syscall). {@link #execute} is thread-safe and never blocks.
 */
public final class SerialExecutor implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Runnable afterBatch;
    private volatile boolean stopped;

    public SerialExecutor(String name, Runnable afterBatch) {
        this.afterBatch = afterBatch;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (!stopped) {
            queue.add(task);
        }
    }

    /** Runs {@code task} on the executor and waits for its result; never call from the executor itself. */
    public <T> T call(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.join();
    }

    public boolean inExecutor() {
        return Thread.currentThread() == thread;
    }

    private void loop() {
        List<Runnable> batch = new ArrayList<>(256);
        while (true) {
            try {
                Runnable first = queue.take();
                batch.add(first);
                queue.drainTo(batch, 1023);
                for (Runnable r : batch) {
                    if (r == STOP) {
                        afterBatch.run();
                        return;
                    }
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        LOG.error("Pipeline task failed", e);
                    }
                }
                batch.clear();
                afterBatch.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Pipeline batch hook failed", e);
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        queue.add(STOP);
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
