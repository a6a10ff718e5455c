package io.warden.server.pipeline;

import io.warden.znode.persist.LogEntry;
import io.warden.znode.persist.Recovery;
import io.warden.znode.persist.Snapshot;
import io.warden.znode.persist.Storage;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.CreateSessionTxn;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnEntry;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteStreamReader;
import io.warden.znode.wire.WireFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Rebuilds the store: the newest valid snapshot, then every logged transaction after it, in order. */
final class StoreRecovery {
    /** How much of the snapshot file is held at once while decoding it. */
    static final int SNAPSHOT_BUFFER = 64 * 1024;

    private StoreRecovery() {}

    static ZnodeStore recover(Storage storage) throws IOException {
        return recover(storage, SNAPSHOT_BUFFER);
    }

    /** @param snapshotBuffer bytes of the snapshot file decoded from memory at a time */
    static ZnodeStore recover(Storage storage, int snapshotBuffer) throws IOException {
        try (Recovery r = storage.recover()) {
            ZnodeStore store = new ZnodeStore();
            if (r.snapshot().isPresent()) {
                store = readSnapshot(r.snapshot().get(), snapshotBuffer);
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
     * Decodes the snapshot file as it streams in: the tree is the only copy in memory, whatever its
     * size. An ensemble member's password section after the tree is skipped (standalone sessions use
     * their own passwords); anything else after the tree is an error.
     */
    static ZnodeStore readSnapshot(Snapshot snapshot, int bufferSize) throws IOException {
        try (InputStream body = snapshot.openBody()) {
            JuteStreamReader in = new JuteStreamReader(body, snapshot.bodyLength(), bufferSize, Integer.MAX_VALUE);
            ZnodeStore store = ZnodeStore.deserialize(in);
            try {
                SessionPasswords.readSnapshotSection(in, (id, pw) -> { }); // standalone keeps its own
            } catch (WireFormatException e) {
                throw new WireFormatException(e.getMessage() + " at 0x" + Long.toHexString(snapshot.zxid()));
            }
            return store;
        } catch (UncheckedIOException e) {
            throw e.getCause();
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
