package io.warden.znode.tree;

import io.warden.znode.WatchedEvent;
import io.warden.znode.txn.Txn;

import java.util.List;

/**
 * What {@link ZnodeStore#prepare} decided. A write yields {@code txn} (possibly an ErrorTxn, which
 * still takes a zxid) to be logged, replicated and then applied. A read yields {@code reply} now,
 * and {@code catchUp} holds the events setWatches synthesized, to queue (zxid -1) before the reply.
 */
public record Prepared(Txn txn, Reply reply, List<WatchedEvent> catchUp) {
    public static Prepared write(Txn txn) {
        return new Prepared(txn, null, List.of());
    }

    public static Prepared read(Reply reply) {
        return new Prepared(null, reply, List.of());
    }

    public boolean isWrite() {
        return txn != null;
    }
}
