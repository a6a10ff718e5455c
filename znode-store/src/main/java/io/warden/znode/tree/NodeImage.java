package io.warden.znode.tree;

import io.warden.znode.ACL;

import java.util.List;

/**
 * What a snapshot records of one node: everything but its children (rebuilt from the paths on load).
 * The data array and ACL list are shared with the node, never copied (neither is ever modified).
 */
record NodeImage(byte[] data, List<ACL> acl, long czxid, long mzxid, long ctime, long mtime, int dataVersion,
                 int creates, int aclVersion, long owner, long pzxid) {
    /** Marks, in a capture, a path that did not exist when the capture began. */
    static final NodeImage ABSENT = new NodeImage(null, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
    /** Marks, in a capture, a path already written to the snapshot. */
    static final NodeImage WRITTEN = new NodeImage(null, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static NodeImage of(DataNode n) {
        return new NodeImage(n.data, n.acl, n.czxid, n.mzxid, n.ctime, n.mtime, n.dataVersion, n.creates,
                n.aclVersion, n.owner, n.pzxid);
    }
}
