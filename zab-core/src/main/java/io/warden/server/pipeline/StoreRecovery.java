package io.warden.server.pipeline;

import io.warden.znode.persist.LogEntry;
import io.warden.znode.persist.Recovery;
import io.warden.znode.persist.Storage;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.CreateSessionTxn;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnEntry;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.WireFormatException;

import java.io.IOException;

/** Rebuilds the store: the newest valid snapshot, then every logged transaction after it, in order. */
final class StoreRecovery {
    private StoreRecovery() {}

    static ZnodeStore recover(Storage storage) throws IOException {
        try (Recovery r = storage.recover()) {
            ZnodeStore store = new ZnodeStore();
            if (r.snapshot().isPresent()) {
                byte[] body = r.snapshot().get().readBody();
                store = ZnodeStore.deserialize(new JuteReader(body, 0, body.length, Integer.MAX_VALUE));
            }
            while (r.entries().hasNext()) {
                LogEntry entry = r.entries().next();
                if (entry.zxid() <= store.lastProcessedZxid()) {
                    continue;
                }
                TxnEntry e = decode(entry.payload(), entry.zxid());
                store.apply(e.header(), e.txn());
            }
            return store;
        }
    }

    /**
     * A logged txn. A log written by an ensemble member (the same data dir started standalone)
     * carries the replicated session password after a createSession; standalone sessions use their
     * own passwords, so it is skipped (clients of those sessions start new ones).
     */
    private static TxnEntry decode(byte[] payload, long zxid) {
        JuteReader in = new JuteReader(payload, 0, payload.length, payload.length);
        TxnHeader header = TxnCodec.readHeader(in);
        Txn txn = TxnCodec.read(in);
        if (txn instanceof CreateSessionTxn && in.remaining() > 0) {
            in.readBuffer();
        }
        if (in.remaining() != 0) {
            throw new WireFormatException(in.remaining() + " trailing bytes after txn 0x" + Long.toHexString(zxid));
        }
        return new TxnEntry(header, txn);
    }
}
