package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.AddWatchMode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adds a persistent watch (addWatch, ZooKeeper 3.6+). It stays until removed and is re-registered after
 * reconnects. PERSISTENT_RECURSIVE (the default) reports created/changed/deleted for the path and everything below.
 */
public final class AddWatchBuilder extends WatchableBuilder<AddWatchBuilder> {
    private AddWatchMode mode = AddWatchMode.PERSISTENT_RECURSIVE;

    public AddWatchBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    public AddWatchBuilder withMode(AddWatchMode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        return this;
    }

    public Void forPath(String path) throws Exception {
        return complete(start(path), CuratorEventType.ADD_WATCH, path, (b, v) -> { });
    }

    public CompletionStage<Void> forPathAsync(String path) {
        return onEventThread(start(path));
    }

    private CompletableFuture<Void> start(String path) {
        core.checkStarted();
        String fixed = ns.fix(path);
        io.warden.znode.Watcher w = watcher() != null ? watcher() : client.listenerWatcher();
        client.noteWatcher(fixed, w);
        return core.retrying(n -> core.inNamespace(ns, () -> core.zk().addWatch(fixed, w, mode)));
    }
}
