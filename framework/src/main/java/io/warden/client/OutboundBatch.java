package io.warden.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Frames on their way to one channel, gathered into a few large direct buffers and flushed once
 * per event-loop turn instead of one write and one flush per request. Frames go out in the order
 * they were appended. Confined to the channel's event loop.
 */
final class OutboundBatch {
    /** Size of each gathered buffer; a larger frame gets a buffer of its own size. */
    private static final int CHUNK = 32 * 1024;

    private Channel channel;
    private ByteBuf current;
    private boolean written;

    /** Starts batching for {@code ch} (null: none), dropping whatever was gathered for the previous channel. */
    void attach(Channel ch) {
        release();
        channel = ch;
    }

    /** Appends {@code frame} (a whole length-prefixed frame); nothing reaches the socket before {@link #flush()}. */
    void append(byte[] frame) {
        if (channel == null) {
            return;
        }
        if (current != null && current.capacity() - current.writerIndex() < frame.length) {
            writeCurrent();
        }
        if (current == null) {
            current = channel.alloc().ioBuffer(Math.max(CHUNK, frame.length));
        }
        current.writeBytes(frame);
    }

    /** Writes what was gathered and flushes the channel once. */
    void flush() {
        writeCurrent();
        if (written) {
            written = false;
            channel.flush();
        }
    }

    private void writeCurrent() {
        if (current != null) {
            ByteBuf out = current;
            current = null;
            channel.write(out, channel.voidPromise());
            written = true;
        }
    }

    private void release() {
        if (current != null) {
            current.release();
            current = null;
        }
        written = false;
    }
}
