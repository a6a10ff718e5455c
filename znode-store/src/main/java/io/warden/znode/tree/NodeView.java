package io.warden.znode.tree;

import io.warden.znode.ACL;

import java.util.List;

/** What write validation needs to know about a node, applied ({@link DataNode}) or pending ({@link PendingNode}). */
interface NodeView {
    int version();

    int aversion();

    /** Children ever created under this node (the sequential counter). */
    int childCreates();

    int numChildren();

    long ephemeralOwner();

    List<ACL> acl();
}
