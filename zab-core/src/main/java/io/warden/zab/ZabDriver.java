package io.warden.zab;

/**
 * Carries out a peer's {@link Ready} against the three seams, in the order the contract requires:
 * writes (fsync at barriers), then sends and deliveries. Group commit is the caller's choice: call
 * {@link #flush()} when the batch should become durable. Not thread-safe; same thread as the peer.
 */
public final class ZabDriver {
    private final ZabPeer peer;
    private final ZabTransport transport;
    private final ZabStorage storage;
    private final StateMachine stateMachine;
    private boolean unsyncedAppends;

    public ZabDriver(ZabPeer peer, ZabTransport transport, ZabStorage storage, StateMachine stateMachine) {
        this.peer = peer;
        this.transport = transport;
        this.storage = storage;
        this.stateMachine = stateMachine;
    }

    public ZabPeer peer() {
        return peer;
    }

    /** Drains and carries out the peer's outputs; returns them for inspection. */
    public Ready process() {
        Ready ready = peer.ready();
        for (StorageOp op : ready.persist()) {
            storage.write(op);
            if (op.barrier()) {
                storage.sync();
                unsyncedAppends = false;
            } else {
                unsyncedAppends = true;
            }
        }
        for (Envelope e : ready.messages()) {
            transport.send(e.to(), e.message());
        }
        for (Delivery d : ready.deliveries()) {
            if (d instanceof Delivery.Apply a) {
                stateMachine.apply(a.txn());
            } else if (d instanceof Delivery.Restore r) {
                stateMachine.restore(r.snapshot());
            }
        }
        return ready;
    }

    /** True when appends were written but not yet fsynced. */
    public boolean hasUnsyncedAppends() {
        return unsyncedAppends;
    }

    /** Fsyncs the log and tells the peer (which may then send ACKs or commit). */
    public void flush() {
        long durable = storage.sync();
        unsyncedAppends = false;
        peer.persisted(durable);
    }
}
