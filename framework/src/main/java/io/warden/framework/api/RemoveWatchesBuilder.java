package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.FrameworkCore;
import io.warden.znode.KeeperException;
import io.warden.znode.Watcher;
import io.warden.znode.Watcher.WatcherType;

import java.util.concurrent.CompletableFuture;

/**
 * Removes watches. Modifiers: ofType (default Any), locally (do not ask the server), quietly (no
 * NoWatcherException when nothing matched), guaranteed (retried on connection loss), inBackground.
 */
public final class RemoveWatchesBuilder extends OperationBuilder<RemoveWatchesBuilder> {
    private final Watcher watcher;
    private WatcherType type = WatcherType.Any;
    private boolean local;
    private boolean quietly;
    private boolean guaranteed;

    RemoveWatchesBuilder(CuratorFrameworkImpl client, Watcher wrappedWatcher) {
        super(client);
        this.watcher = wrappedWatcher;
    }

    public RemoveWatchesBuilder ofType(WatcherType type) {
        this.type = java.util.Objects.requireNonNull(type, "type");
        return this;
    }

    public RemoveWatchesBuilder locally() {
        local = true;
        return this;
    }

    public RemoveWatchesBuilder quietly() {
        quietly = true;
        return this;
    }

    public RemoveWatchesBuilder guaranteed() {
        guaranteed = true;
        return this;
    }

    public Void forPath(String path) throws Exception {
        core.checkStarted();
        String fixed = ns.fix(path);
        CompletableFuture<Void> f = local
                ? core.zk().removeWatches(fixed, watcher, type, true)
                : guaranteed ? core.retrying(n -> core.zk().removeWatches(fixed, watcher, type, false))
                : core.zk().awaitConnected(core.handle().getConnectionTimeoutMs())
                        .thenCompose(v -> core.zk().removeWatches(fixed, watcher, type, false));
        if (quietly) {
            f = f.exceptionallyCompose(e -> FrameworkCore.unwrap(e) instanceof KeeperException.NoWatcherException
                    ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(FrameworkCore.unwrap(e)));
        }
        return complete(f, CuratorEventType.REMOVE_WATCHES, path, (b, v) -> { });
    }
}
