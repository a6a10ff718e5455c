package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.TreeOps;
import io.warden.znode.Stat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code client.checkExists()}: the node's Stat, or null when it does not exist (a watch then
 * waits for its creation). Modifiers: creatingParentContainersIfNeeded, watched, usingWatcher, inBackground.
 */
public final class ExistsBuilder extends WatchableBuilder<ExistsBuilder> {
    private boolean parentContainers;

    public ExistsBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    public ExistsBuilder creatingParentContainersIfNeeded() {
        parentContainers = true;
        return this;
    }

    public Stat forPath(String path) throws Exception {
        return complete(start(path), CuratorEventType.EXISTS, path, (b, s) -> b.stat(s)
                .resultCode(s == null ? io.warden.znode.KeeperException.Code.NONODE.intValue() : 0));
    }

    public CompletionStage<Stat> forPathAsync(String path) {
        return onEventThread(start(path));
    }

    private CompletableFuture<Stat> start(String path) {
        core.checkStarted();
        String fixed = ns.fix(path);
        client.noteWatcher(fixed, watcher());
        return core.retrying(n -> core.inNamespace(ns, () -> parentContainers
                ? core.mkdirs(TreeOps.parentOf(fixed), true, true) : CompletableFuture.completedFuture(null))
                .thenCompose(v -> core.zk().exists(fixed, watcher())));
    }
}
