package io.warden.znode.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * Group commit for a {@link TxnLog}: one writer thread takes appends from a bounded queue, writes each batch
 * with one write and one fsync, and only then reports the entries durable. This is what lets a server
 * acknowledge a write after fsync while sustaining high throughput: under load, batches grow by themselves.
 *
 * <p><b>Threading contract.</b>
 * <ul>
 *   <li>The writer thread owns the log while the committer runs: nobody else may call the log's owner-thread
 *       methods (append, flush, truncateAfter, ...). Use {@link #runOnWriter} to run such an operation in order
 *       with the queued appends.</li>
 *   <li>{@link #submit}, {@link #enqueue} and {@link #runOnWriter} may be called from any thread. Entries are logged
 *       in queue order, so callers must enqueue in zxid order (normally from one thread). They block only when the
 *       queue is full (back-pressure).</li>
 *   <li>Futures are completed and the {@link DurabilityListener} is called <em>on the writer thread</em>, after the
 *       fsync, in zxid order (the listener first, then the batch's futures). Keep callbacks short (hand off
 *       with the *Async variants or to your own executor): time spent there delays the next batch.</li>
 *   <li>An I/O failure is fatal: the listener hears {@link DurabilityListener#onFailure}, then every
 *       pending and later entry fails. An fsync error is never retried.</li>
 * </ul>
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /** Hears about durability on the writer thread. */
    public interface DurabilityListener {
        /** Every entry with a zxid up to {@code highestDurableZxid} is on disk. */
        void onDurable(long highestDurableZxid);

        /** An entry queued with {@link #enqueue} was refused (e.g. its zxid went backwards); the committer goes on. */
        default void onRejected(long zxid, RuntimeException cause) {
            LOG.error("Log entry {} rejected", LogFormat.hex(zxid), cause);
        }

        /** The log failed; nothing more will become durable. */
        default void onFailure(Throwable cause) {
        }
    }

    /** An operation run on the writer thread with exclusive use of the log. */
    @FunctionalInterface
    public interface LogTask<T> {
        T run(TxnLog log) throws IOException;
    }

    /**
     * @param maxBatchEntries most entries written per fsync
     * @param queueCapacity   entries that may wait before {@link #submit} blocks
     */
    public record Options(int maxBatchEntries, int queueCapacity) {
        public Options {
            if (maxBatchEntries < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("maxBatchEntries and queueCapacity must be positive");
            }
        }

        public static Options defaults() {
            return new Options(2000, 20_000);
        }
    }

    private sealed interface Work permits Append, Task, Stop {
    }

    private record Append(long zxid, byte[] payload, CompletableFuture<Long> future) implements Work {
    }

    private record Task(LogTask<?> task, CompletableFuture<Object> future) implements Work {
    }

    private record Stop() implements Work {
    }

    private enum State { RUNNING, CLOSING, CLOSED }

    private static final DurabilityListener NO_LISTENER = zxid -> { };

    private final TxnLog log;
    private final int maxBatch;
    private final BlockingQueue<Work> queue;
    private final DurabilityListener listener;
    private final Thread writer;
    private volatile State state = State.RUNNING;
    private volatile Throwable failure;
    private volatile long durableZxid;

    /** Starts the writer thread (made by {@code threadFactory}). The committer does not close the log. */
    public GroupCommitter(TxnLog log, Options options, ThreadFactory threadFactory, DurabilityListener listener) {
        this.log = Objects.requireNonNull(log, "log");
        this.maxBatch = options.maxBatchEntries();
        this.queue = new LinkedBlockingQueue<>(options.queueCapacity());
        this.listener = listener == null ? NO_LISTENER : listener;
        this.durableZxid = log.durableZxid();
        this.writer = threadFactory.newThread(this::runWriter);
        writer.start();
    }

    /** A committer with default options, a daemon writer thread named {@code warden-log-writer} and no listener. */
    public static GroupCommitter start(TxnLog log) {
        return new GroupCommitter(log, Options.defaults(), r -> {
            Thread t = new Thread(r, "warden-log-writer");
            t.setDaemon(true);
            return t;
        }, null);
    }

    /**
     * Queues an entry; the future completes with its zxid once it is fsynced, or exceptionally if it was refused
     * (zxid not increasing: {@link IllegalArgumentException}) or the log failed or the committer is closed.
     */
    public CompletableFuture<Long> submit(long zxid, byte[] payload) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        offer(new Append(zxid, Objects.requireNonNull(payload, "payload"), f), f);
        return f;
    }

    /** Queues an entry without a future: durability is reported only through the listener (cheapest path). */
    public void enqueue(long zxid, byte[] payload) {
        offer(new Append(zxid, Objects.requireNonNull(payload, "payload"), null), null);
    }

    /**
     * Runs {@code task} on the writer thread after every entry queued before it is durable, and before any entry
     * queued after it (e.g. {@code log -> { log.truncateAfter(z); return null; }}).
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> runOnWriter(LogTask<T> task) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        offer(new Task(task, f), f);
        return (CompletableFuture<T>) (CompletableFuture<?>) f;
    }

    /** Highest zxid reported durable so far. */
    public long durableZxid() {
        return durableZxid;
    }

    /** Entries waiting for the writer (for metrics). */
    public int queued() {
        return queue.size();
    }

    /**
     * Stops accepting work, makes everything already queued durable, and stops the writer thread.
     * Blocks until done (unless called from the writer thread itself). Does not close the log.
     */
    @Override
    public void close() {
        if (state == State.RUNNING) {
            state = State.CLOSING;
            putUninterruptibly(new Stop());
        }
        if (Thread.currentThread() != writer) {
            boolean interrupted = false;
            while (writer.isAlive()) {
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void offer(Work w, CompletableFuture<?> f) {
        if (state != State.RUNNING) {
            refuse(w, notRunning());
            return;
        }
        putUninterruptibly(w);
        if (state == State.CLOSED && queue.remove(w)) {
            refuse(w, notRunning());
        }
    }

    private void putUninterruptibly(Work w) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(w);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private RuntimeException notRunning() {
        Throwable f = failure;
        return f != null ? new IllegalStateException("transaction log failed", f) : new IllegalStateException("group committer is closed");
    }

    private void runWriter() {
        List<Work> batch = new ArrayList<>(maxBatch);
        List<Append> pending = new ArrayList<>(maxBatch);
        try {
            boolean stop = false;
            while (!stop) {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
                stop = process(batch, pending);
                batch.clear();
            }
        } catch (InterruptedException e) {
            LOG.warn("Log writer interrupted; stopping");
            failure = new IllegalStateException("log writer interrupted");
            listener.onFailure(failure);
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("Transaction log write failed; nothing more will be acknowledged", e);
            failure = e;
            listener.onFailure(e); // listener first, as on success: a caller woken by its future sees the failure recorded
            failFutures(pending, e);
            failFutures(batch, e);
        } finally {
            state = State.CLOSED;
            List<Work> left = new ArrayList<>();
            queue.drainTo(left);
            for (Work w : left) {
                refuse(w, notRunning());
            }
        }
    }

    /** Handles one batch; returns true at the stop marker. */
    private boolean process(List<Work> batch, List<Append> pending) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            Work w = batch.get(i);
            if (w instanceof Append a) {
                try {
                    log.append(a.zxid(), a.payload());
                    pending.add(a);
                } catch (IllegalArgumentException e) {
                    reject(a, e);
                }
            } else if (w instanceof Task t) {
                makeDurable(pending);
                runTask(t);
            } else {
                makeDurable(pending);
                batch.subList(0, i + 1).clear();
                return true;
            }
        }
        makeDurable(pending);
        return false;
    }

    private void makeDurable(List<Append> pending) throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        long durable = log.flush();
        durableZxid = durable;
        listener.onDurable(durable); // before the futures, so the listener's view is never behind an acknowledged entry
        for (Append a : pending) {
            if (a.future() != null) {
                a.future().complete(a.zxid());
            }
        }
        pending.clear();
    }

    private void runTask(Task t) {
        try {
            t.future().complete(t.task().run(log));
        } catch (IOException | RuntimeException e) {
            t.future().completeExceptionally(e);
        }
        durableZxid = log.durableZxid();
    }

    /** After a fatal error: futures fail; future-less entries are covered by the listener's onFailure. */
    private static void failFutures(List<? extends Work> works, Throwable cause) {
        for (Work w : works) {
            if (w instanceof Append a && a.future() != null) {
                a.future().completeExceptionally(cause);
            } else if (w instanceof Task t) {
                t.future().completeExceptionally(cause);
            }
        }
    }

    private void reject(Append a, RuntimeException e) {
        if (a.future() != null) {
            a.future().completeExceptionally(e);
        } else {
            listener.onRejected(a.zxid(), e);
        }
    }

    private void refuse(Work w, Throwable cause) {
        if (w instanceof Append a && a.future() != null) {
            a.future().completeExceptionally(cause);
        } else if (w instanceof Append a) {
            listener.onRejected(a.zxid(), cause instanceof RuntimeException re ? re : new IllegalStateException(cause));
        } else if (w instanceof Task t) {
            t.future().completeExceptionally(cause);
        }
    }
}
