package io.warden.server.pipeline;

import io.warden.znode.persist.LogEntry;
import io.warden.znode.persist.Recovery;
import io.warden.znode.persist.Storage;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnEntry;
import io.warden.znode.wire.JuteReader;

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
                TxnEntry e = TxnCodec.decodeEntry(entry.payload());
                store.apply(e.header(), e.txn());
            }
            return store;
        }
    }
}
