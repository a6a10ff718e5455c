package io.warden.server.ensemble;

import io.warden.zab.Snapshot;
import io.warden.zab.Zxid;
import io.warden.znode.tree.ApplyResult;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnEntry;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The znode store of one ensemble member behind a swappable reference (SNAP replaces it), holding
 * only committed state: a transaction is applied when ZAB delivers it. A leader remembers the Txn
 * instance it prepared for each zxid it proposed and applies that same instance, so the store's
 * memory of prepared writes stays consistent. Pipeline thread only.
 */
final class ReplicatedStore {
    /** A proposal this server made and has not applied yet. */
    private record Proposed(TxnHeader header, Txn txn) {
    }

    /** One committed transaction as applied here. */
    record Applied(TxnHeader header, Txn txn, ApplyResult result) {
    }

    private final Map<Long, Proposed> proposed = new HashMap<>();
    private ZnodeStore store;
    private long lastApplied;

    ReplicatedStore(ZnodeStore store) {
        this.store = store;
        this.lastApplied = store.lastProcessedZxid();
    }

    static ZnodeStore decode(byte[] snapshot) {
        return ZnodeStore.deserialize(new JuteReader(snapshot, 0, snapshot.length, Integer.MAX_VALUE));
    }

    static byte[] encode(ZnodeStore store) {
        JuteWriter out = new JuteWriter(1 << 16);
        store.serialize(out);
        return out.toByteArray();
    }

    ZnodeStore store() {
        return store;
    }

    long lastApplied() {
        return lastApplied;
    }

    int proposalsInFlight() {
        return proposed.size();
    }

    /**
     * Proposes a prepared transaction through {@code propose} (the quorum peer; it returns the
     * zxid). The header is encoded with the zxid the leader will assign.
     *
     * @param nextZxid the zxid the leader's next proposal gets
     */
    long propose(long sessionId, int cxid, Txn txn, long timeMs, long nextZxid,
                 ToLongFunction<byte[]> propose) {
        long zxid = propose.applyAsLong(TxnCodec.encode(new TxnHeader(sessionId, cxid, nextZxid, timeMs), txn));
        // Every server applies with the ZAB zxid, so a wrong guess only costs the header's copy.
        if (zxid > lastApplied) { // a lone voter may have committed and applied it (decoded) already
            proposed.put(zxid, new Proposed(new TxnHeader(sessionId, cxid, zxid, timeMs), txn));
        }
        return zxid;
    }

    /** The zxid the established leader's next proposal will get (the core's rule). */
    static long nextZxid(long epoch, long lastLogged) {
        return Zxid.epoch(lastLogged) == epoch ? lastLogged + 1 : Zxid.of(epoch, 1);
    }

    /** Applies one committed transaction: our own instance if we proposed it, else the decoded payload. */
    Applied apply(io.warden.zab.Txn committed) {
        Proposed own = proposed.remove(committed.zxid());
        TxnHeader hdr;
        Txn txn;
        if (own != null) {
            hdr = own.header();
            txn = own.txn();
        } else {
            TxnEntry e = TxnCodec.decodeEntry(committed.payload());
            // The ZAB zxid is authoritative; the header's copy is only informative.
            hdr = new TxnHeader(e.header().sessionId(), e.header().cxid(), committed.zxid(), e.header().timeMs());
            txn = e.txn();
        }
        ApplyResult result = store.apply(hdr, txn);
        lastApplied = committed.zxid();
        return new Applied(hdr, txn, result);
    }

    /** SNAP: the whole store is replaced; watches registered on the old one are gone. */
    void restore(Snapshot snapshot) {
        proposed.clear();
        store = decode(snapshot.data());
        store.setLastProcessedZxid(snapshot.zxid());
        lastApplied = snapshot.zxid();
    }

    Snapshot snapshot() {
        return new Snapshot(lastApplied, encode(store));
    }

    /** Leadership lost: proposals not yet applied are forgotten (if committed, they come back decoded). */
    void discardPending() {
        proposed.clear();
        store.discardPending();
    }
}
