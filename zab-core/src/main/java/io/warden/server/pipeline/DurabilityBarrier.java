package io.warden.server.pipeline;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * Holds back everything a client could observe until the transactions it depends on are durable.
 * Writes are applied to the in-memory tree as soon as they are validated (so later requests are
 * validated against them), but their replies, the watch events they fire and any later reply that
 * might reveal them wait here until the log has fsynced that zxid. Outputs leave in the order they
 * were produced, which keeps per-connection reply order and "event before the reply that reveals it".
 * <p>Not thread-safe: used only by the pipeline thread.
 */
public final class DurabilityBarrier<T> {
    private record Held<T>(long zxid, T output) {}

    private final ArrayDeque<Held<T>> held = new ArrayDeque<>();
    private final java.util.function.Consumer<T> sink;
    private long durableZxid;
    private long lastAssignedZxid;

    public DurabilityBarrier(long durableZxid, java.util.function.Consumer<T> sink) {
        this.durableZxid = durableZxid;
        this.lastAssignedZxid = durableZxid;
        this.sink = sink;
    }

    /** A new transaction was applied in memory; outputs emitted from now on depend on it. */
    public void assigned(long zxid) {
        lastAssignedZxid = zxid;
    }

    /** Emits now if nothing un-durable was applied before, otherwise queues behind the last write. */
    public void emit(T output) {
        if (held.isEmpty() && lastAssignedZxid <= durableZxid) {
            sink.accept(output);
        } else {
            held.add(new Held<>(lastAssignedZxid, output));
        }
    }

    /** The log is fsynced up to {@code zxid}: release what waited for it. */
    public void durable(long zxid) {
        if (zxid > durableZxid) {
            durableZxid = zxid;
        }
        while (!held.isEmpty() && held.peekFirst().zxid() <= durableZxid) {
            sink.accept(held.pollFirst().output());
        }
    }

    public long durableZxid() {
        return durableZxid;
    }

    public long lastAssignedZxid() {
        return lastAssignedZxid;
    }

    public int heldCount() {
        return held.size();
    }

    /** For tests and metrics: applies {@code f} to the zxid each held output waits for. */
    void forEachWaiting(LongConsumer f) {
        held.forEach(h -> f.accept(h.zxid()));
    }
}
