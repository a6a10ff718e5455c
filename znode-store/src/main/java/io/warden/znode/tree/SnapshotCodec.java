package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.ZooDefs.Ids;
import io.warden.znode.watch.WatchManager;
import io.warden.znode.wire.JuteInput;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.WireFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Snapshot form of a tree: magic, format version, lastProcessedZxid, sessions (sorted by id), then
 * every node (path, data, acl, czxid, mzxid, ctime, mtime, version, childCreates, aversion, owner,
 * pzxid), then the digest as a self-check. Watches are not included.
 */
final class SnapshotCodec {
    private SnapshotCodec() {}

    private static final int MAGIC = 0x5744534E; // "WDSN"
    private static final int FORMAT = 1;

    static void write(DataTree t, JuteWriter out) {
        writeHeader(out, t.lastProcessedZxid, new TreeMap<>(t.sessions), t.nodes.size());
        for (Map.Entry<String, DataNode> e : t.nodes.entrySet()) {
            writeNode(out, e.getKey(), NodeImage.of(e.getValue()));
        }
        out.writeLong(t.digest());
    }

    /** Everything before the nodes; {@code nodeCount} nodes must follow, then the digest. */
    static void writeHeader(JuteWriter out, long lastProcessedZxid, TreeMap<Long, Integer> sessions, int nodeCount) {
        out.writeInt(MAGIC).writeInt(FORMAT).writeLong(lastProcessedZxid);
        out.writeInt(sessions.size());
        for (Map.Entry<Long, Integer> e : sessions.entrySet()) {
            out.writeLong(e.getKey()).writeInt(e.getValue());
        }
        out.writeInt(nodeCount);
    }

    static void writeNode(JuteWriter out, String path, NodeImage n) {
        out.writeString(path).writeBuffer(n.data()).writeAclList(n.acl());
        out.writeLong(n.czxid()).writeLong(n.mzxid()).writeLong(n.ctime()).writeLong(n.mtime());
        out.writeInt(n.dataVersion()).writeInt(n.creates()).writeInt(n.aclVersion());
        out.writeLong(n.owner()).writeLong(n.pzxid());
    }

    /** From an array (a replicated snapshot) or a stream (a snapshot file far larger than one array). */
    static DataTree read(JuteInput in, WatchManager watches) {
        if (in.readInt() != MAGIC) {
            throw new WireFormatException("not a Warden snapshot (bad magic)");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new WireFormatException("unsupported snapshot format " + format);
        }
        DataTree t = new DataTree(watches);
        t.lastProcessedZxid = in.readLong();
        int sessions = in.readInt();
        for (int i = 0; i < sessions; i++) {
            t.sessions.put(in.readLong(), in.readInt());
        }
        int count = in.readInt();
        if (count < 0) {
            throw new WireFormatException("negative node count");
        }
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String path = in.readString();
            byte[] data = in.readBuffer();
            List<ACL> acl = in.readAclList();
            if (path == null || acl == null) {
                throw new WireFormatException("snapshot node without path or ACL");
            }
            if (acl.equals(Ids.OPEN_ACL_UNSAFE)) {
                acl = Ids.OPEN_ACL_UNSAFE;
            }
            DataNode n = new DataNode(data, acl, 0, 0, 0);
            n.czxid = in.readLong();
            n.mzxid = in.readLong();
            n.ctime = in.readLong();
            n.mtime = in.readLong();
            n.dataVersion = in.readInt();
            n.creates = in.readInt();
            n.aclVersion = in.readInt();
            n.owner = in.readLong();
            n.pzxid = in.readLong();
            t.insert(path, n);
            paths.add(path);
        }
        for (String p : paths) {
            if (!p.equals("/")) {
                t.link(p);
            }
        }
        long expected = in.readLong();
        if (expected != t.digest()) {
            throw new WireFormatException("snapshot digest mismatch: stored " + expected + ", rebuilt " + t.digest());
        }
        return t;
    }
}
