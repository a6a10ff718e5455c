package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;

/** {@code client.sync()}: waits until the connected server has applied every write committed before it. */
public final class SyncBuilder extends OperationBuilder<SyncBuilder> {
    public SyncBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    public Void forPath(String path) throws Exception {
        core.checkStarted();
        String fixed = ns.fix(path);
        return complete(core.retrying(n -> core.inNamespace(ns, () -> core.zk().sync(fixed)))
                .thenApply(p -> (Void) null), CuratorEventType.SYNC, path, (b, v) -> { });
    }
}
