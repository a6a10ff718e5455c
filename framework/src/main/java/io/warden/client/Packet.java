package io.warden.client;

import java.util.concurrent.CompletableFuture;

/** A request on its way: queued, then sent with an xid, then answered. Confined to the I/O thread. */
final class Packet<T> {
    final Request<T> request;
    final CompletableFuture<T> future;
    int xid;

    Packet(Request<T> request, CompletableFuture<T> future) {
        this.request = request;
        this.future = future;
    }

    void fail(Throwable t) {
        future.completeExceptionally(t);
    }
}
