package io.warden.client;

import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Requests submitted from any thread, handed to the event loop in submission order by one loop task
 * per burst rather than one task per request. {@link #offer} never blocks: a lock-free enqueue, plus a
 * loop task only when none is pending.
 */
final class SubmitQueue {
    /** Requests taken per loop task, so one busy client cannot starve the others sharing the loop. */
    private static final int MAX_DRAIN = 1024;

    private final Queue<Packet<?>> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final EventLoop loop;
    private final Consumer<Packet<?>> admit;
    private final Runnable afterBurst;
    private final Runnable drainTask = this::drain;

    /**
     * @param admit      takes each request on the loop, in order
     * @param afterBurst runs on the loop after each burst (the driver flushes there)
     */
    SubmitQueue(EventLoop loop, Consumer<Packet<?>> admit, Runnable afterBurst) {
        this.loop = loop;
        this.admit = admit;
        this.afterBurst = afterBurst;
    }

    void offer(Packet<?> p) {
        queue.offer(p);
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    private void drain() {
        // cleared before taking: a request queued after our last poll schedules the next drain
        scheduled.set(false);
        Packet<?> p;
        int n = 0;
        while (n++ < MAX_DRAIN && (p = queue.poll()) != null) {
            admit.accept(p);
        }
        afterBurst.run();
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }
}
