package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.ACL;
import io.warden.znode.Stat;

import java.util.List;

/** {@code client.setACL()}: returns the new Stat. Modifiers: withACL, withVersion (the ACL version), inBackground. */
public final class SetACLBuilder extends OperationBuilder<SetACLBuilder> {
    private List<ACL> acl;
    private int version = -1;

    public SetACLBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    public SetACLBuilder withACL(List<ACL> acl) {
        this.acl = acl == null ? null : List.copyOf(acl);
        return this;
    }

    public SetACLBuilder withVersion(int version) {
        this.version = version;
        return this;
    }

    public Stat forPath(String path) throws Exception {
        core.checkStarted();
        String fixed = ns.fix(path);
        List<ACL> acls = acl != null ? acl : core.aclFor(fixed);
        return complete(core.retrying(n -> core.inNamespace(ns, () -> core.zk().setACL(fixed, acls, version))),
                CuratorEventType.SET_ACL, path, (b, s) -> b.stat(s));
    }
}
