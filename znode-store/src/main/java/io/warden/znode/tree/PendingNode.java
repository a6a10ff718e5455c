package io.warden.znode.tree;

import io.warden.znode.ACL;

import java.util.List;

/** A node as it will be once the prepared-but-unapplied txns are applied. */
record PendingNode(int version, int aversion, int childCreates, int numChildren, long ephemeralOwner, List<ACL> acl)
        implements NodeView {

    static PendingNode of(NodeView v) {
        return v instanceof PendingNode p ? p
                : new PendingNode(v.version(), v.aversion(), v.childCreates(), v.numChildren(), v.ephemeralOwner(), v.acl());
    }

    PendingNode withChildAdded() {
        return new PendingNode(version, aversion, childCreates + 1, numChildren + 1, ephemeralOwner, acl);
    }

    PendingNode withChildRemoved() {
        return new PendingNode(version, aversion, childCreates, numChildren - 1, ephemeralOwner, acl);
    }

    PendingNode withVersion(int v) {
        return new PendingNode(v, aversion, childCreates, numChildren, ephemeralOwner, acl);
    }

    PendingNode withAcl(List<ACL> a, int av) {
        return new PendingNode(version, av, childCreates, numChildren, ephemeralOwner, a);
    }
}
