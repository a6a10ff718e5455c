package io.warden.znode.tree;

import io.warden.znode.wire.JuteWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A copy-on-write capture of a {@link ZnodeStore} at one zxid, written out by another thread while
 * the store keeps applying transactions. Beginning one is O(sessions) on the store's thread; after
 * that, the first change to each node made before the writer reached it saves the node's old image
 * (one small object, the data array is shared), so the file holds the tree exactly as it was at
 * {@link #zxid()}: replaying the log from {@code zxid + 1} recovers the same tree, digest included.
 *
 * <p><b>Threading.</b> {@link ZnodeStore#beginSnapshot()} runs on the store's thread. {@link #writeTo}
 * is called once, from one other thread, and blocks on the stream; {@link #close()} may be called from
 * any thread and makes a running or later {@code writeTo} fail fast. The store stops saving images
 * once the capture is written or closed.
 *
 * <p><b>Why it is exact.</b> Both sides go through one concurrent map keyed by path: the store thread
 * calls {@code computeIfAbsent(path)} before it changes, inserts or removes a node, saving the node as
 * it is (or {@link NodeImage#ABSENT}); the writer calls {@code compute(path)} to read the live node
 * when nothing is saved yet, and leaves {@link NodeImage#WRITTEN} behind. The map's per-key atomicity
 * means the writer reads a live node only while it is still unchanged since the capture began.
 */
public final class StoreSnapshot implements AutoCloseable {
    private final DataTree tree;
    private final long zxid;
    private final TreeMap<Long, Integer> sessions;
    private final int nodeCount;
    private final long digest;
    private final ConcurrentHashMap<String, NodeImage> saved = new ConcurrentHashMap<>();
    private volatile boolean finished;
    private boolean started;

    StoreSnapshot(DataTree tree) {
        this.tree = tree;
        this.zxid = tree.lastProcessedZxid;
        this.sessions = new TreeMap<>(tree.sessions);
        this.nodeCount = tree.nodes.size();
        this.digest = tree.digest();
    }

    /** The last transaction the snapshot includes. */
    public long zxid() {
        return zxid;
    }

    /** Nodes the snapshot holds. */
    public int nodeCount() {
        return nodeCount;
    }

    /** The tree digest at {@link #zxid()} (what {@link ZnodeStore#digest()} returned then). */
    public long digest() {
        return digest;
    }

    /** Node images saved by the store thread so far (for metrics and tests). */
    public int savedImages() {
        int n = 0;
        for (NodeImage i : saved.values()) {
            if (i != NodeImage.WRITTEN && i != NodeImage.ABSENT) {
                n++;
            }
        }
        return n;
    }

    /** True once written or closed: the store no longer saves images for it. */
    public boolean finished() {
        return finished;
    }

    /** Store thread: about to change, insert or remove {@code path}. */
    void preserve(String path) {
        saved.computeIfAbsent(path, p -> {
            DataNode n = tree.nodes.get(p);
            return n == null ? NodeImage.ABSENT : NodeImage.of(n);
        });
    }

    /**
     * Streams the snapshot in {@link ZnodeStore#serialize} format (node order aside). Call once.
     *
     * @throws IOException when the stream fails, the capture was closed, or the capture turned out
     *                     inconsistent (a bug; the snapshot must then not be used)
     */
    public void writeTo(OutputStream out) throws IOException {
        if (started) {
            throw new IllegalStateException("a snapshot capture is written once");
        }
        started = true;
        try {
            JuteWriter w = new JuteWriter(64 * 1024);
            SnapshotCodec.writeHeader(w, zxid, sessions, nodeCount);
            int written = 0;
            for (Iterator<String> it = tree.nodes.keySet().iterator(); it.hasNext(); ) {
                written += visit(it.next(), w);
                w = drain(w, out);
            }
            // Nodes removed before the iteration reached them exist only as saved images.
            for (Map.Entry<String, NodeImage> e : saved.entrySet()) {
                NodeImage img = e.getValue();
                if (img != NodeImage.WRITTEN && img != NodeImage.ABSENT) {
                    SnapshotCodec.writeNode(w, e.getKey(), img);
                    e.setValue(NodeImage.WRITTEN);
                    written++;
                    w = drain(w, out);
                }
            }
            if (written != nodeCount) {
                throw new IOException("snapshot capture at 0x" + Long.toHexString(zxid) + " wrote " + written
                        + " nodes, expected " + nodeCount);
            }
            w.writeLong(digest);
            out.write(w.array(), 0, w.size());
        } finally {
            close();
        }
    }

    /** Writes the node at {@code path} as of the capture, unless it is new or already written; returns 1 if written. */
    private int visit(String path, JuteWriter w) throws IOException {
        if (finished) {
            throw new IOException("snapshot capture at 0x" + Long.toHexString(zxid) + " was abandoned");
        }
        NodeImage[] found = new NodeImage[1];
        saved.compute(path, (p, img) -> {
            if (img == null) {
                DataNode live = tree.nodes.get(p);
                found[0] = live == null ? null : NodeImage.of(live);
                return NodeImage.WRITTEN;
            }
            if (img != NodeImage.WRITTEN && img != NodeImage.ABSENT) {
                found[0] = img;
                return NodeImage.WRITTEN;
            }
            return img;
        });
        if (found[0] == null) {
            return 0;
        }
        SnapshotCodec.writeNode(w, path, found[0]);
        return 1;
    }

    private static JuteWriter drain(JuteWriter w, OutputStream out) throws IOException {
        if (w.size() >= 32 * 1024) {
            out.write(w.array(), 0, w.size());
            w.reset();
        }
        return w;
    }

    /** Abandons the capture (a running {@link #writeTo} fails); the store stops saving images. */
    @Override
    public void close() {
        finished = true;
    }
}
