package io.warden.client;

import io.warden.znode.wire.Headers.RequestHeader;

import java.util.concurrent.CompletableFuture;

/**
 * A request on its way: encoded by the caller (xid left 0), queued, then sent with an xid, then
 * answered. After construction it is confined to the I/O thread.
 */
final class Packet<T> {
    final Request<T> request;
    final CompletableFuture<T> future;
    /** The whole frame; its xid is filled in when it is sent. */
    final byte[] frame;
    int xid;

    /** @throws IllegalArgumentException when the frame would exceed {@code maxBuffer} */
    Packet(Request<T> request, CompletableFuture<T> future, int maxBuffer) {
        this.request = request;
        this.future = future;
        this.frame = Frames.encode(new RequestHeader(0, request.opcode()), request.body(), maxBuffer);
    }

    void fail(Throwable t) {
        future.completeExceptionally(t);
    }
}
