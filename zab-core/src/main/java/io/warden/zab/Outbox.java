package io.warden.zab;

import io.warden.zab.message.ZabMessage;
import java.util.ArrayList;
import java.util.List;

/** Accumulates a peer's outputs between drains. Single-threaded, owned by one {@link ZabPeer}. */
public final class Outbox {
    private final List<StorageOp> persist = new ArrayList<>();
    private final List<Envelope> messages = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<ZabEvent> events = new ArrayList<>();

    public void persist(StorageOp op) {
        persist.add(op);
    }

    public void send(long to, ZabMessage message) {
        messages.add(new Envelope(to, message));
    }

    public void deliver(Delivery delivery) {
        deliveries.add(delivery);
    }

    public void event(ZabEvent event) {
        events.add(event);
    }

    Ready drain() {
        Ready ready = new Ready(persist, messages, deliveries, events);
        persist.clear();
        messages.clear();
        deliveries.clear();
        events.clear();
        return ready;
    }
}
