package io.warden.zab;

import java.util.List;

/**
 * Everything a {@link ZabPeer} asks of its driver since the last drain, in the etcd-raft style.
 *
 * <p>Contract: (1) write {@link #persist()} in order, fsyncing at every barrier op; (2) only then send
 * {@link #messages()} and apply {@link #deliveries()} in order; (3) once plain appends are durable
 * (group commit), call {@link ZabPeer#persisted(long)}. ACKs are produced only in step (3), so no
 * acknowledgement ever precedes the fsync it promises.
 */
public record Ready(List<StorageOp> persist, List<Envelope> messages, List<Delivery> deliveries,
                    List<ZabEvent> events) {
    public Ready {
        persist = List.copyOf(persist);
        messages = List.copyOf(messages);
        deliveries = List.copyOf(deliveries);
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return persist.isEmpty() && messages.isEmpty() && deliveries.isEmpty() && events.isEmpty();
    }

    /** True when some op must be fsynced before messages leave. */
    public boolean mustSync() {
        return persist.stream().anyMatch(StorageOp::barrier);
    }
}
