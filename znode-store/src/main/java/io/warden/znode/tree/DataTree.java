package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.ZooDefs.Ids;
import io.warden.znode.txn.EphemeralOwner;
import io.warden.znode.watch.WatchDelivery;
import io.warden.znode.watch.WatchManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The applied tree: path -> node, the session table with each session's ephemerals, the container
 * and TTL indexes for the reaper, an incrementally maintained digest and the last applied zxid.
 * Mutations fire watches into the caller's delivery list. Not thread-safe (one serial thread), with
 * one exception: while a {@link StoreSnapshot} is being written, its writer thread iterates
 * {@link #nodes} (a concurrent map for that reason) and reads nodes that every mutation here first
 * hands to {@link #beforeChange}.
 */
final class DataTree {
    static final String ROOT = "/";
    static final String ZOOKEEPER = "/zookeeper";
    static final String QUOTA = "/zookeeper/quota";
    static final String CONFIG = "/zookeeper/config";

    final ConcurrentHashMap<String, DataNode> nodes = new ConcurrentHashMap<>();
    final HashMap<Long, Integer> sessions = new HashMap<>();
    final HashMap<Long, HashSet<String>> ephemerals = new HashMap<>();
    final HashSet<String> containers = new HashSet<>();
    final HashSet<String> ttlNodes = new HashSet<>();
    final WatchManager watches;
    long lastProcessedZxid;
    /** The snapshot being written, if any; owned by the tree's thread. */
    private StoreSnapshot capture;
    private long digest;
    private long dataSize;

    DataTree(WatchManager watches) {
        this.watches = watches;
    }

    /** A fresh tree with the built-in nodes /, /zookeeper, /zookeeper/quota and /zookeeper/config. */
    static DataTree fresh(WatchManager watches) {
        DataTree t = new DataTree(watches);
        t.insert(ROOT, new DataNode(new byte[0], Ids.OPEN_ACL_UNSAFE, 0, 0, 0));
        t.insert(ZOOKEEPER, new DataNode(new byte[0], Ids.OPEN_ACL_UNSAFE, 0, 0, 0));
        t.insert(QUOTA, new DataNode(new byte[0], Ids.OPEN_ACL_UNSAFE, 0, 0, 0));
        t.insert(CONFIG, new DataNode(new byte[0], Ids.READ_ACL_UNSAFE, 0, 0, 0));
        t.link(ZOOKEEPER);
        t.link(QUOTA);
        t.link(CONFIG);
        return t;
    }

    /** Starts a copy-on-write capture of the tree as it is now. */
    StoreSnapshot beginSnapshot() {
        if (capture != null && !capture.finished()) {
            throw new IllegalStateException("a snapshot of this tree is still being written");
        }
        capture = new StoreSnapshot(this);
        return capture;
    }

    /** Every change to the node at {@code path} (insert, remove, any field) is announced here first. */
    private void beforeChange(String path) {
        StoreSnapshot c = capture;
        if (c != null) {
            if (c.finished()) {
                capture = null;
            } else {
                c.preserve(path);
            }
        }
    }

    /** Adds a node to the map and indexes (not to its parent's children). */
    void insert(String path, DataNode n) {
        beforeChange(path);
        nodes.put(path, n);
        n.digestPart = nodeHash(path, n);
        digest += n.digestPart;
        dataSize += path.length() + n.dataLength();
        long owner = n.owner;
        if (EphemeralOwner.isSession(owner)) {
            ephemerals.computeIfAbsent(owner, k -> new HashSet<>()).add(path);
        } else if (EphemeralOwner.isContainer(owner)) {
            containers.add(path);
        } else if (EphemeralOwner.isTtl(owner)) {
            ttlNodes.add(path);
        }
    }

    /** Adds a node to its parent's children without touching the parent's stat (restore / built-ins). */
    void link(String path) {
        DataNode parent = nodes.get(Paths.parent(path));
        if (parent == null) {
            throw new IllegalStateException("no parent for " + path);
        }
        rehash(Paths.parent(path), parent, () -> parent.addChild(Paths.name(path)));
    }

    DataNode get(String path) {
        return nodes.get(path);
    }

    long digest() {
        return digest;
    }

    long dataSize() {
        return dataSize;
    }

    // ---- mutations: each returns an error code (0 = applied) and fires watches into out ----

    int create(String path, byte[] data, List<ACL> acl, long owner, long zxid, long time, List<WatchDelivery> out) {
        String parentPath = Paths.parent(path);
        DataNode parent = parentPath == null ? null : nodes.get(parentPath);
        if (parent == null) {
            return Code.NONODE.intValue();
        }
        if (nodes.containsKey(path)) {
            return Code.NODEEXISTS.intValue();
        }
        DataNode n = new DataNode(data, acl, owner, zxid, time);
        insert(path, n);
        rehash(parentPath, parent, () -> {
            parent.addChild(Paths.name(path));
            parent.creates++;
            parent.pzxid = zxid;
        });
        watches.triggerData(path, EventType.NodeCreated, zxid, acl, out);
        watches.triggerChildren(parentPath, zxid, parent.acl, out);
        return 0;
    }

    int delete(String path, long zxid, List<WatchDelivery> out) {
        DataNode n = nodes.get(path);
        String parentPath = Paths.parent(path);
        if (n == null || parentPath == null) {
            return Code.NONODE.intValue();
        }
        if (n.numChildren() > 0) {
            return Code.NOTEMPTY.intValue();
        }
        beforeChange(path);
        nodes.remove(path);
        digest -= n.digestPart;
        dataSize -= path.length() + n.dataLength();
        long owner = n.owner;
        if (EphemeralOwner.isSession(owner)) {
            HashSet<String> set = ephemerals.get(owner);
            if (set != null && set.remove(path) && set.isEmpty()) {
                ephemerals.remove(owner);
            }
        } else if (EphemeralOwner.isContainer(owner)) {
            containers.remove(path);
        } else if (EphemeralOwner.isTtl(owner)) {
            ttlNodes.remove(path);
        }
        DataNode parent = nodes.get(parentPath);
        if (parent != null) {
            rehash(parentPath, parent, () -> {
                parent.removeChild(Paths.name(path));
                parent.pzxid = zxid;
            });
        }
        watches.triggerDeleted(path, zxid, n.acl, out);
        if (parent != null) {
            watches.triggerChildren(parentPath, zxid, parent.acl, out);
        }
        return 0;
    }

    int setData(String path, byte[] data, int version, long zxid, long time, List<WatchDelivery> out) {
        DataNode n = nodes.get(path);
        if (n == null) {
            return Code.NONODE.intValue();
        }
        dataSize += (data == null ? 0 : data.length) - n.dataLength();
        rehash(path, n, () -> {
            n.setData(data);
            n.dataVersion = version;
            n.mzxid = zxid;
            n.mtime = time;
        });
        watches.triggerData(path, EventType.NodeDataChanged, zxid, n.acl, out);
        return 0;
    }

    int setAcl(String path, List<ACL> acl, int aversion) {
        DataNode n = nodes.get(path);
        if (n == null) {
            return Code.NONODE.intValue();
        }
        rehash(path, n, () -> {
            n.acl = acl;
            n.aclVersion = aversion;
        });
        return 0;
    }

    void createSession(long sessionId, int timeoutMs) {
        sessions.put(sessionId, timeoutMs);
    }

    /** Removes the session and deletes its ephemerals in path order (deterministic event order). */
    void closeSession(long sessionId, long zxid, List<WatchDelivery> out) {
        sessions.remove(sessionId);
        HashSet<String> mine = ephemerals.get(sessionId);
        if (mine == null) {
            return;
        }
        List<String> paths = new ArrayList<>(mine);
        paths.sort(null);
        for (String p : paths) {
            delete(p, zxid, out);
        }
        ephemerals.remove(sessionId);
    }

    private void rehash(String path, DataNode n, Runnable change) {
        beforeChange(path);
        digest -= n.digestPart;
        change.run();
        n.digestPart = nodeHash(path, n);
        digest += n.digestPart;
    }

    // ---- digest: a sum of per-node hashes, so it is order independent and incremental ----

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    static long nodeHash(String path, DataNode n) {
        long h = mix(0x5EED5EEDL, path.hashCode());
        h = mix(h, n.dataHash);
        h = mix(h, n.czxid);
        h = mix(h, n.mzxid);
        h = mix(h, n.ctime);
        h = mix(h, n.mtime);
        h = mix(h, n.pzxid);
        h = mix(h, n.owner);
        h = mix(h, ((long) n.dataVersion << 32) ^ n.aclVersion);
        h = mix(h, ((long) n.creates << 32) ^ n.numChildren());
        h = mix(h, aclHash(n.acl));
        return h;
    }

    private static long aclHash(List<ACL> acl) {
        long h = acl.size();
        for (ACL a : acl) {
            h = h * 31 + a.perms();
            h = h * 31 + a.id().scheme().hashCode();
            h = h * 31 + a.id().id().hashCode();
        }
        return h;
    }

    Map<String, DataNode> nodes() {
        return nodes;
    }
}
