package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.Stat;
import io.warden.znode.txn.EphemeralOwner;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One applied znode. Stores the child-create counter rather than cversion: the exposed cversion is
 * {@code 2 * childCreates - numChildren} (creates + deletes), as ZooKeeper reports it.
 * The data array is shared, never copied: nobody may modify it.
 */
final class DataNode implements NodeView {
    byte[] data;
    List<ACL> acl;
    long czxid;
    long mzxid;
    long ctime;
    long mtime;
    long pzxid;
    long owner;
    int dataVersion;
    int aclVersion;
    int creates;
    private HashSet<String> children;
    /** Hash of data, kept so the digest never rehashes unchanged data. */
    long dataHash;
    /** This node's current contribution to the tree digest. */
    long digestPart;

    DataNode(byte[] data, List<ACL> acl, long owner, long zxid, long time) {
        this.data = data;
        this.acl = acl;
        this.owner = owner;
        this.czxid = zxid;
        this.mzxid = zxid;
        this.pzxid = zxid;
        this.ctime = time;
        this.mtime = time;
        this.dataHash = hashData(data);
    }

    static long hashData(byte[] data) {
        return data == null ? -1L : ((long) Arrays.hashCode(data) << 20) ^ data.length;
    }

    void setData(byte[] d) {
        data = d;
        dataHash = hashData(d);
    }

    void addChild(String name) {
        if (children == null) {
            children = new HashSet<>(4);
        }
        children.add(name);
    }

    boolean removeChild(String name) {
        return children != null && children.remove(name);
    }

    /** Child names; empty set when there are none. Do not modify. */
    Set<String> children() {
        return children == null ? Set.of() : children;
    }

    @Override public int version() { return dataVersion; }
    @Override public int aversion() { return aclVersion; }
    @Override public int childCreates() { return creates; }
    @Override public int numChildren() { return children == null ? 0 : children.size(); }
    @Override public long ephemeralOwner() { return owner; }
    @Override public List<ACL> acl() { return acl; }

    int dataLength() { return data == null ? 0 : data.length; }

    Stat stat() {
        int n = numChildren();
        return new Stat(czxid, mzxid, ctime, mtime, dataVersion, 2 * creates - n, aclVersion,
                EphemeralOwner.exposed(owner), dataLength(), n, pzxid);
    }
}
