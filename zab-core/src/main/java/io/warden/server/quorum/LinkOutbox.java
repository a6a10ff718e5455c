package io.warden.server.quorum;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Frames queued for one outbound quorum link, written on the link's event loop in bursts: one loop
 * task and one flush (one syscall) per burst rather than per frame, which is what a proposal, its
 * ACKs and COMMITs cost otherwise. Order is the order of {@link #offer}. Frames queued on a link that
 * failed or closed are dropped (the ZAB core tolerates loss). Thread-safe; never blocks.
 */
final class LinkOutbox {
    private final ChannelFuture link;
    private final Queue<PeerFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LinkOutbox(ChannelFuture link) {
        this.link = link;
    }

    ChannelFuture link() {
        return link;
    }

    /** True while the link is connecting or connected. */
    boolean usable() {
        return !link.isDone() || link.channel().isActive();
    }

    void offer(PeerFrame frame) {
        queue.add(frame);
        if (!scheduled.compareAndSet(false, true)) {
            return; // a drain is pending and will see this frame
        }
        if (link.isDone()) {
            link.channel().eventLoop().execute(this::drain);
        } else {
            // Runs on the event loop after the connect listener, which sends the Hello first.
            link.addListener((ChannelFutureListener) f -> drain());
        }
    }

    private void drain() {
        Channel ch = link.channel();
        while (true) {
            boolean writable = link.isSuccess() && ch.isActive();
            int written = 0;
            for (PeerFrame f = queue.poll(); f != null; f = queue.poll()) {
                if (writable) {
                    ch.write(f, ch.voidPromise());
                    written++;
                }
            }
            if (written > 0) {
                ch.flush();
            }
            scheduled.set(false);
            if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
