package io.warden.server.ensemble;

import io.warden.server.pipeline.SessionPasswords;
import io.warden.zab.Snapshot;
import io.warden.zab.SnapshotData;
import io.warden.zab.Zxid;
import io.warden.znode.persist.SnapshotWriter;
import io.warden.znode.tree.ApplyResult;
import io.warden.znode.tree.StoreSnapshot;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.CreateSessionTxn;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteStreamReader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.WireFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The znode store of one ensemble member behind a swappable reference (SNAP replaces it), holding
 * only committed state: a transaction is applied when ZAB delivers it. A leader remembers the Txn
 * instance it prepared for each zxid it proposed and applies that same instance, so the store's
 * memory of prepared writes stays consistent.
 *
 * <p>Session passwords are replicated state too: the leader draws one at random for each
 * createSession and the proposal carries it after the txn, so every member (and every snapshot)
 * knows the same password for a session, whatever its own configuration says. Snapshots are the
 * store's serialization followed by a password section. Pipeline thread only.
 */
final class ReplicatedStore {
    private static final int PASSWORDS_MAGIC = SessionPasswords.SNAPSHOT_SECTION_MAGIC;
    /** How much of a snapshot is decoded from memory at a time. */
    private static final int STREAM_BUFFER = 64 * 1024;

    /** A proposal this server made and has not applied yet. */
    private record Proposed(TxnHeader header, Txn txn, byte[] password) {
    }

    /** One committed transaction as applied here. */
    record Applied(TxnHeader header, Txn txn, ApplyResult result) {
    }

    private final Map<Long, Proposed> proposed = new HashMap<>();
    private final Map<Long, byte[]> passwords = new HashMap<>();
    private ZnodeStore store;
    private long lastApplied;

    /** The state a snapshot holds ({@link #snapshot()}'s format) at {@code zxid}. */
    ReplicatedStore(SnapshotData snapshot, long zxid) {
        install(snapshot, zxid);
    }

    /** A snapshot of an empty store with no sessions. */
    static byte[] emptySnapshot() {
        return encode(new ZnodeStore(), Map.of());
    }

    private static byte[] encode(ZnodeStore store, Map<Long, byte[]> passwords) {
        JuteWriter out = new JuteWriter(1 << 16);
        store.serialize(out);
        out.writeInt(PASSWORDS_MAGIC).writeInt(passwords.size());
        new TreeMap<>(passwords).forEach((id, pw) -> out.writeLong(id).writeBuffer(pw));
        return out.toByteArray();
    }

    /**
     * Decodes the content as it streams in (a large tree never sits in one array).
     *
     * @throws WireFormatException when the content is not a snapshot of ours
     * @throws UncheckedIOException when it cannot be read
     */
    private void install(SnapshotData snapshot, long zxid) {
        try (InputStream body = snapshot.open()) {
            install(new JuteStreamReader(body, snapshot.size(), STREAM_BUFFER, Integer.MAX_VALUE), zxid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot at 0x" + Long.toHexString(zxid), e);
        }
    }

    private void install(JuteStreamReader in, long zxid) {
        ZnodeStore decoded = ZnodeStore.deserialize(in);
        Map<Long, byte[]> pws = new HashMap<>();
        SessionPasswords.readSnapshotSection(in, (id, pw) -> {
            if (pw != null && decoded.hasSession(id)) {
                pws.put(id, pw);
            }
        });
        decoded.setLastProcessedZxid(zxid);
        store = decoded;
        passwords.clear();
        passwords.putAll(pws);
        lastApplied = zxid;
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
        return propose(sessionId, cxid, txn, null, timeMs, nextZxid, propose);
    }

    /** As above; a createSession carries the session's {@code password} to every member. */
    long propose(long sessionId, int cxid, Txn txn, byte[] password, long timeMs, long nextZxid,
                 ToLongFunction<byte[]> propose) {
        JuteWriter out = new JuteWriter(128);
        TxnCodec.writeHeader(out, new TxnHeader(sessionId, cxid, nextZxid, timeMs));
        TxnCodec.write(out, txn);
        byte[] pw = txn instanceof CreateSessionTxn ? password : null;
        if (pw != null) {
            out.writeBuffer(pw);
        }
        long zxid = propose.applyAsLong(out.toByteArray());
        // Every server applies with the ZAB zxid, so a wrong guess only costs the header's copy.
        if (zxid > lastApplied) { // a lone voter may have committed and applied it (decoded) already
            proposed.put(zxid, new Proposed(new TxnHeader(sessionId, cxid, zxid, timeMs), txn, pw));
        }
        return zxid;
    }

    /** The replicated password of a live session, or null when this member knows none. */
    byte[] passwordOf(long sessionId) {
        return passwords.get(sessionId);
    }

    /** The zxid the established leader's next proposal will get (the core's rule). */
    static long nextZxid(long epoch, long lastLogged) {
        return Zxid.epoch(lastLogged) == epoch ? lastLogged + 1 : Zxid.of(epoch, 1);
    }

    /** Applies one committed transaction: our own instance if we proposed it, else the decoded payload. */
    Applied apply(io.warden.zab.Txn committed) {
        Proposed own = proposed.remove(committed.zxid());
        if (own == null) {
            own = decode(committed.payload(), committed.zxid());
        }
        TxnHeader hdr = own.header();
        Txn txn = own.txn();
        ApplyResult result = store.apply(hdr, txn);
        lastApplied = committed.zxid();
        long sid = hdr.sessionId();
        if (txn instanceof CreateSessionTxn && own.password() != null && store.hasSession(sid)) {
            passwords.put(sid, own.password());
        } else if (!store.hasSession(sid)) {
            passwords.remove(sid);
        }
        return new Applied(hdr, txn, result);
    }

    /** A proposal's payload: header, txn, then a createSession's password. */
    private static Proposed decode(byte[] payload, long zxid) {
        JuteReader in = new JuteReader(payload, 0, payload.length, payload.length);
        TxnHeader h = TxnCodec.readHeader(in);
        Txn txn = TxnCodec.read(in);
        byte[] password = txn instanceof CreateSessionTxn && in.remaining() > 0 ? in.readBuffer() : null;
        if (in.remaining() != 0) {
            throw new WireFormatException(in.remaining() + " trailing bytes after txn 0x" + Long.toHexString(zxid));
        }
        // The ZAB zxid is authoritative; the header's copy is only informative.
        return new Proposed(new TxnHeader(h.sessionId(), h.cxid(), zxid, h.timeMs()), txn, password);
    }

    /** SNAP: the whole store is replaced; watches registered on the old one are gone. */
    void restore(Snapshot snapshot) {
        proposed.clear();
        install(snapshot.data(), snapshot.zxid());
    }

    Snapshot snapshot() {
        return new Snapshot(lastApplied, encode(store, passwords));
    }

    /**
     * A copy-on-write capture of the state at {@link #lastApplied()}, in {@link #snapshot()}'s format
     * (node order aside): O(sessions) here on the pipeline thread; {@link Capture#writeTo} streams it
     * from another thread while transactions keep applying.
     *
     * @throws IllegalStateException while the previous capture is neither written nor closed
     */
    Capture beginCapture() {
        return new Capture(store.beginSnapshot(), new TreeMap<>(passwords));
    }

    /** A capture in flight; {@link #writeTo} once from one thread, {@link #close} from any. */
    record Capture(StoreSnapshot tree, TreeMap<Long, byte[]> passwords) implements SnapshotWriter, AutoCloseable {
        long zxid() {
            return tree.zxid();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            tree.writeTo(out);
            JuteWriter w = new JuteWriter(64 + passwords.size() * 40);
            w.writeInt(PASSWORDS_MAGIC).writeInt(passwords.size());
            passwords.forEach((id, pw) -> w.writeLong(id).writeBuffer(pw));
            out.write(w.toByteArray());
        }

        @Override
        public void close() {
            tree.close();
        }
    }

    /** Leadership lost: proposals not yet applied are forgotten (if committed, they come back decoded). */
    void discardPending() {
        proposed.clear();
        store.discardPending();
    }
}
