package io.warden.znode.tree;

import io.warden.znode.Stat;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.txn.EphemeralOwner;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.watch.WatchDelivery;
import io.warden.znode.watch.WatchManager;
import io.warden.znode.watch.WatchSink;
import io.warden.znode.wire.JuteInput;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The znode state machine: the tree, the session table, the watch registry and the writes in flight.
 *
 * <p><b>Threading:</b> not thread-safe. Every method must be called from one serial thread (the
 * server's apply executor); nothing here blocks, does I/O or reads a clock (time comes in through
 * {@link RequestContext} and {@link TxnHeader}).
 *
 * <p><b>Flow:</b> {@link #prepare} answers reads at once and turns writes into a {@link Txn}. Each
 * write txn is then logged/replicated and handed to {@link #apply} in zxid order, the same instance
 * that prepare returned (prepare remembers its effect until then, so pipelined writes validate
 * against the state they will meet). Followers and recovery call {@link #apply} with decoded txns
 * and never prepare; a leader that steps down calls {@link #discardPending()}.
 */
public final class ZnodeStore {
    private final StoreConfig config;
    private final WatchManager watches;
    private final DataTree tree;
    private final PendingChanges pending = new PendingChanges();
    private final WritePreparer writes;
    private final ReadHandler reads;
    private final TxnApplier applier;

    public ZnodeStore() {
        this(StoreConfig.DEFAULT);
    }

    public ZnodeStore(StoreConfig config) {
        this(config, new WatchManager(), null);
    }

    private ZnodeStore(StoreConfig config, WatchManager watches, DataTree restored) {
        this.config = config;
        this.watches = watches;
        this.tree = restored != null ? restored : DataTree.fresh(watches);
        this.writes = new WritePreparer(tree, pending, config);
        this.reads = new ReadHandler(tree, watches);
        this.applier = new TxnApplier(tree);
    }

    /**
     * Handles one request body (the bytes after the RequestHeader). Reads, watch operations, sync,
     * whoAmI and unknown opcodes (UNIMPLEMENTED) are answered in {@link Prepared#reply()}; writes
     * (create*, delete, setData, setACL, multi, deleteContainer, reconfig, createSession with an int
     * timeout body, closeSession) come back as {@link Prepared#txn()}, an ErrorTxn when they fail.
     * Malformed bodies give MARSHALLINGERROR. Auth packets (100) are the server's job (see
     * {@link io.warden.znode.acl.Authenticator}).
     */
    public Prepared prepare(RequestContext ctx, int opcode, JuteReader body) {
        if (WritePreparer.isWrite(opcode)) {
            return Prepared.write(writes.prepare(ctx, opcode, body));
        }
        return reads.handle(ctx, opcode, body);
    }

    /** A createSession txn for {@code sessionId} (use the context's session id in its header). */
    public Prepared prepareCreateSession(long sessionId, int timeoutMs, long timeMs) {
        JuteWriter w = new JuteWriter(4).writeInt(timeoutMs);
        return prepare(new RequestContext(sessionId, 0, null, null, timeMs), OpCode.createSession,
                new JuteReader(w.toByteArray()));
    }

    /** A closeSession txn (explicit close or expiry): the session's ephemerals are deleted when applied. */
    public Prepared prepareCloseSession(long sessionId, long timeMs) {
        return prepare(new RequestContext(sessionId, 0, null, null, timeMs), OpCode.closeSession,
                new JuteReader(new byte[0]));
    }

    /**
     * Applies a txn at {@code hdr.zxid()}. Returns the reply for the request that produced it and the
     * watch notifications (carrying that zxid) to queue before the reply.
     */
    public ApplyResult apply(TxnHeader hdr, Txn txn) {
        pending.onApplied(txn);
        List<WatchDelivery> out = new ArrayList<>(0);
        Reply reply = applier.apply(hdr, txn, out);
        if (hdr.zxid() > tree.lastProcessedZxid) {
            tree.lastProcessedZxid = hdr.zxid();
        }
        return new ApplyResult(reply, out);
    }

    /** Forgets every prepared-but-unapplied write (leadership lost, pipeline reset). */
    public void discardPending() {
        pending.clear();
    }

    /** Number of prepared writes not applied yet. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Up to {@code max} nodes the reaper should delete (via a deleteContainer request through
     * {@link #prepare}): containers that had a child and are empty, TTL nodes that are childless and
     * unmodified for longer than their TTL. Sorted by path.
     */
    public List<String> reapCandidates(long nowMs, int max) {
        TreeSet<String> out = new TreeSet<>();
        for (String p : tree.containers) {
            DataNode n = tree.get(p);
            if (n != null && n.numChildren() == 0 && n.creates > 0) {
                out.add(p);
            }
        }
        for (String p : tree.ttlNodes) {
            DataNode n = tree.get(p);
            if (n != null && n.numChildren() == 0 && nowMs - n.mtime > EphemeralOwner.ttlOf(n.owner)) {
                out.add(p);
            }
        }
        List<String> list = new ArrayList<>(Math.min(out.size(), Math.max(max, 0)));
        for (String p : out) {
            if (list.size() >= max) {
                break;
            }
            list.add(p);
        }
        return list;
    }

    // ---- watches ----

    /** Drops every watch of a closed connection. */
    public void removeWatches(WatchSink sink) {
        watches.removeSink(sink);
    }

    /** The watch registry, for the wchs / wchc / wchp four-letter words. */
    public WatchManager watches() {
        return watches;
    }

    // ---- inspection (four-letter words, tests, persistence) ----

    public long lastProcessedZxid() {
        return tree.lastProcessedZxid;
    }

    /** Sets the last applied zxid, e.g. after restoring a snapshot and replaying a log with no txns. */
    public void setLastProcessedZxid(long zxid) {
        tree.lastProcessedZxid = zxid;
    }

    /** Nodes in the tree, built-ins included (4 when fresh). */
    public int nodeCount() {
        return tree.nodes.size();
    }

    /** The "Node count" ZooKeeper's srvr/mntr print: it counts the root twice (5 when fresh). */
    public int reportedNodeCount() {
        return tree.nodes.size() + 1;
    }

    /** Sum of path lengths and data lengths, like zk_approximate_data_size. */
    public long approximateDataSize() {
        return tree.dataSize();
    }

    /** Session id -> its ephemeral paths, both sorted (for dump). */
    public TreeMap<Long, TreeSet<String>> ephemeralsBySession() {
        TreeMap<Long, TreeSet<String>> out = new TreeMap<>();
        for (Map.Entry<Long, HashSet<String>> e : tree.ephemerals.entrySet()) {
            out.put(e.getKey(), new TreeSet<>(e.getValue()));
        }
        return out;
    }

    public int ephemeralCount() {
        int n = 0;
        for (HashSet<String> s : tree.ephemerals.values()) {
            n += s.size();
        }
        return n;
    }

    /** Session id -> negotiated timeout of every session the tree knows (created, not closed). */
    public Map<Long, Integer> sessions() {
        return Collections.unmodifiableMap(tree.sessions);
    }

    public boolean hasSession(long sessionId) {
        return tree.sessions.containsKey(sessionId);
    }

    /** The stat of a node as clients see it, or null when it does not exist. */
    public Stat statOf(String path) {
        DataNode n = tree.get(path);
        return n == null ? null : n.stat();
    }

    /** A node's data (shared, do not modify), or null when absent or when the data is null. */
    public byte[] dataOf(String path) {
        DataNode n = tree.get(path);
        return n == null ? null : n.data;
    }

    /** A node's child names, sorted; null when the node does not exist. */
    public List<String> childrenOf(String path) {
        DataNode n = tree.get(path);
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>(n.children());
        out.sort(null);
        return out;
    }

    /** Order-independent hash of every node's path, data, ACL and stat: equal trees, equal digests. */
    public long digest() {
        return tree.digest();
    }

    // ---- snapshots ----

    /** Writes tree, sessions and lastProcessedZxid (not watches, not pending writes). */
    public void serialize(JuteWriter out) {
        SnapshotCodec.write(tree, out);
    }

    /**
     * Captures the tree, sessions and lastProcessedZxid as they are now, to be written by another thread
     * while this store goes on applying (see {@link StoreSnapshot}). Cheap: O(sessions). One at a time.
     *
     * @throws IllegalStateException while the previous capture is neither written nor closed
     */
    public StoreSnapshot beginSnapshot() {
        return tree.beginSnapshot();
    }

    /** @throws io.warden.znode.wire.WireFormatException when the bytes are not a valid snapshot */
    public static ZnodeStore deserialize(JuteInput in) {
        return deserialize(in, StoreConfig.DEFAULT);
    }

    public static ZnodeStore deserialize(JuteInput in, StoreConfig config) {
        WatchManager watches = new WatchManager();
        return new ZnodeStore(config, watches, SnapshotCodec.read(in, watches));
    }

    public StoreConfig config() {
        return config;
    }
}
