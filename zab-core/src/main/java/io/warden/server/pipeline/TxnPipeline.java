package io.warden.server.pipeline;

import io.warden.server.net.ClientConnection;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.WatchedEvent;
import io.warden.znode.ZooDefs.Xids;
import io.warden.znode.tree.ApplyResult;
import io.warden.znode.tree.Prepared;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.watch.WatchDelivery;
import io.warden.znode.tree.RequestContext;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.Headers.RequestHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.Responses.WatcherEvent;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Turns validated requests into transactions: assigns the zxid, hands the encoded transaction to
 * the {@link TxnSink} (log + fsync, or a quorum), applies it to the tree at once so later requests
 * are validated against it, and routes the reply and the watch events through the
 * {@link DurabilityBarrier}. Pipeline thread only.
 */
public final class TxnPipeline {
    /** Where transactions go to become durable; {@code onDurable} may be called from any thread. */
    public interface TxnSink {
        void append(long zxid, byte[] txn);
    }

    private final ZnodeStore store;
    private final TxnSink sink;
    private final LongSupplier clock;
    private final Frames frames;
    private final DurabilityBarrier<Output> barrier;
    private final Set<ClientConnection> dirty = new HashSet<>();
    private long lastZxid;
    private long txnsSinceSnapshot;

    TxnPipeline(ZnodeStore store, TxnSink sink, LongSupplier clock, Frames frames, long lastZxid) {
        this.store = store;
        this.sink = sink;
        this.clock = clock;
        this.frames = frames;
        this.lastZxid = lastZxid;
        this.barrier = new DurabilityBarrier<>(lastZxid, this::send);
    }

    public long lastZxid() {
        return lastZxid;
    }

    long txnsSinceSnapshot() {
        return txnsSinceSnapshot;
    }

    void snapshotTaken() {
        txnsSinceSnapshot = 0;
    }

    long durableZxid() {
        return barrier.durableZxid();
    }

    /** A read is answered now; a write becomes a transaction. */
    void process(ClientConnection conn, RequestContext ctx, RequestHeader hdr, JuteReader body) {
        Prepared p = store.prepare(ctx, hdr.type(), body);
        if (p.isWrite()) {
            submit(ctx.sessionId(), hdr.xid(), p.txn(), conn, false);
            return;
        }
        for (WatchedEvent e : p.catchUp()) {
            emit(conn, notification(e), false);
        }
        int err = p.reply().err();
        boolean unimplemented = err == Code.UNIMPLEMENTED.intValue();
        emit(conn, frames.reply(hdr.xid(), unimplemented ? -1 : lastZxid, err, p.reply().body()), unimplemented);
    }

    /**
     * Logs and applies one transaction; the reply (if {@code replyTo} is set) leaves after it is durable.
     * @return the apply result
     */
    ApplyResult submit(long sessionId, int cxid, Txn txn, ClientConnection replyTo, boolean closeAfterReply) {
        long zxid = ++lastZxid;
        TxnHeader hdr = new TxnHeader(sessionId, cxid, zxid, clock.getAsLong());
        sink.append(zxid, TxnCodec.encode(hdr, txn));
        barrier.assigned(zxid);
        txnsSinceSnapshot++;
        ApplyResult result = store.apply(hdr, txn);
        deliver(result, zxid);
        if (replyTo != null) {
            emit(replyTo, frames.reply(cxid, zxid, result.reply().err(), result.reply().body()), closeAfterReply);
        }
        return result;
    }

    void deliver(ApplyResult result, long zxid) {
        for (WatchDelivery d : result.deliveries()) {
            if (d.sink() instanceof ConnectionWatchSink s) {
                emit(s.connection(), notification(d.event()), false);
            }
        }
    }

    byte[] notification(WatchedEvent e) {
        return frames.reply(Xids.NOTIFICATION, e.getZxid(), 0,
                new WatcherEvent(e.getType().getIntValue(), e.getState().getIntValue(), e.getPath()));
    }

    /** Sends after everything applied so far is durable. */
    void emit(ClientConnection conn, byte[] frame, boolean closeAfter) {
        barrier.emit(new Output(conn, frame, lastZxid, closeAfter));
    }

    /** Called (on the pipeline thread) when the log has fsynced up to {@code zxid}. */
    void durable(long zxid) {
        barrier.durable(zxid);
    }

    private void send(Output out) {
        ClientConnection c = out.connection();
        if (out.frame() != null) {
            c.send(out.frame(), out.zxid());
        }
        if (out.closeAfter()) {
            c.close();
        } else {
            dirty.add(c);
        }
    }

    /** End of a pipeline batch: one flush per connection that got output. */
    void flush() {
        for (ClientConnection c : dirty) {
            c.flush();
        }
        dirty.clear();
    }
}
