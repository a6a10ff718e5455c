package io.warden.framework.api;

import io.warden.client.ZkClient;
import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.ACL;
import io.warden.znode.Stat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code client.getACL()}: the node's ACL. Modifiers: storingStatIn, inBackground. */
public final class GetACLBuilder extends OperationBuilder<GetACLBuilder> {
    private Stat storingStatIn;

    public GetACLBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    public GetACLBuilder storingStatIn(Stat stat) {
        storingStatIn = stat;
        return this;
    }

    public List<ACL> forPath(String path) throws Exception {
        core.checkStarted();
        String fixed = ns.fix(path);
        CompletableFuture<ZkClient.AclAndStat> f = core.retrying(n -> core.inNamespace(ns, () -> core.zk().getACL(fixed))).thenApply(r -> {
                    if (storingStatIn != null) {
                        storingStatIn.copyFrom(r.stat());
                    }
                    return r;
                });
        ZkClient.AclAndStat r = complete(f, CuratorEventType.GET_ACL, path, (b, a) -> b.acl(a.acl()).stat(a.stat()));
        return r == null ? null : r.acl();
    }
}
