package io.warden.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection. The Netty side only decodes frames and hands them to the pipeline; all
 * session state here is read and written on the pipeline thread, except the counters, which are
 * atomic because four-letter words read them from I/O threads.
 */
public final class ClientConnection {
    private final Channel channel;
    private final long connectedAtMs;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    // pipeline-thread state
    private long sessionId;
    private int timeoutMs;
    private boolean readOnlyFieldPresent;
    private boolean closing;
    private boolean dirty;
    private long lastCxid;
    private long lastZxid;
    private int lastOpcode;
    private volatile long minLatency = Long.MAX_VALUE;
    private volatile long maxLatency;
    private volatile long totalLatency;
    private volatile long latencyCount;
    private Object attachment;

    public ClientConnection(Channel channel, long connectedAtMs) {
        this.channel = channel;
        this.connectedAtMs = connectedAtMs;
    }

    public Channel channel() { return channel; }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    public String remoteHost() {
        InetSocketAddress a = remoteAddress();
        return a == null ? "" : a.getAddress().getHostAddress();
    }

    public long connectedAtMs() { return connectedAtMs; }

    public long sessionId() { return sessionId; }

    public void bindSession(long id, int timeout) {
        this.sessionId = id;
        this.timeoutMs = timeout;
    }

    public int timeoutMs() { return timeoutMs; }

    public boolean readOnlyFieldPresent() { return readOnlyFieldPresent; }

    public void readOnlyFieldPresent(boolean present) { readOnlyFieldPresent = present; }

    public boolean isClosing() { return closing; }

    /** The pipeline's per-connection state (auth ids, watch sink). */
    @SuppressWarnings("unchecked")
    public <T> T attachment() { return (T) attachment; }

    public void attach(Object o) { attachment = o; }

    void countReceived() { received.incrementAndGet(); }

    public long received() { return received.get(); }

    public long sent() { return sent.get(); }

    public void noteRequest(int cxid, int opcode) {
        lastCxid = cxid;
        lastOpcode = opcode;
    }

    public long lastCxid() { return lastCxid; }

    public int lastOpcode() { return lastOpcode; }

    public long lastZxid() { return lastZxid; }

    public void noteLatency(long ms) {
        minLatency = Math.min(minLatency, ms);
        maxLatency = Math.max(maxLatency, ms);
        totalLatency += ms;
        latencyCount++;
    }

    public long minLatency() { return latencyCount == 0 ? 0 : minLatency; }

    public long maxLatency() { return maxLatency; }

    public long avgLatency() { return latencyCount == 0 ? 0 : totalLatency / latencyCount; }

    public void resetStats() {
        minLatency = Long.MAX_VALUE;
        maxLatency = 0;
        totalLatency = 0;
        latencyCount = 0;
        received.set(0);
        sent.set(0);
    }

    /** Queues a complete frame (length prefix included); {@link #flush()} sends it. Pipeline thread. */
    public void send(byte[] frame, long zxid) {
        if (closing) {
            return;
        }
        if (zxid > lastZxid) {
            lastZxid = zxid;
        }
        sent.incrementAndGet();
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        channel.write(buf, channel.voidPromise());
        dirty = true;
    }

    /** @return true if something was queued since the last flush */
    public boolean flush() {
        if (!dirty) {
            return false;
        }
        dirty = false;
        channel.flush();
        return true;
    }

    /** Flushes what was queued, then closes. Later sends are dropped. */
    public void close() {
        if (closing) {
            return;
        }
        flush();
        closing = true;
        channel.close();
    }
}
