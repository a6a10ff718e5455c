package io.warden.framework.api;

import io.warden.client.ZkClient;
import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.Stat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code client.getChildren()}: child names (unsorted, as the server returns them). Modifiers:
 * storingStatIn, watched, usingWatcher, inBackground.
 */
public final class GetChildrenBuilder extends WatchableBuilder<GetChildrenBuilder> {
    private Stat storingStatIn;

    public GetChildrenBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    public GetChildrenBuilder storingStatIn(Stat stat) {
        storingStatIn = stat;
        return this;
    }

    public List<String> forPath(String path) throws Exception {
        var r = complete(start(path), CuratorEventType.CHILDREN, path, (b, c) -> b.children(c.children()).stat(c.stat()));
        return r == null ? null : r.children();
    }

    public CompletionStage<List<String>> forPathAsync(String path) {
        return onEventThread(start(path).thenApply(ZkClient.ChildrenAndStat::children));
    }

    private CompletableFuture<ZkClient.ChildrenAndStat> start(String path) {
        core.checkStarted();
        String fixed = ns.fix(path);
        client.noteWatcher(fixed, watcher());
        return core.retrying(n -> core.inNamespace(ns, () -> core.zk().getChildren(fixed, watcher())))
                .thenApply(r -> {
                    if (storingStatIn != null) {
                        storingStatIn.copyFrom(r.stat());
                    }
                    return r;
                });
    }
}
