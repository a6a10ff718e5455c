package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.Watcher;

/** {@code client.watchers()}: add persistent watches, remove watches. */
public final class WatchesBuilder {
    private final CuratorFrameworkImpl client;

    public WatchesBuilder(CuratorFrameworkImpl client) {
        this.client = client;
    }

    /** A persistent watch (recursive by default, as in Curator): {@code add().withMode(PERSISTENT).usingWatcher(w).forPath(p)}. */
    public AddWatchBuilder add() {
        return new AddWatchBuilder(client);
    }

    public RemoveWatchesBuilder remove(Watcher watcher) {
        return new RemoveWatchesBuilder(client, client.wrap(watcher));
    }

    public RemoveWatchesBuilder remove(CuratorWatcher watcher) {
        return new RemoveWatchesBuilder(client, client.wrap(watcher));
    }

    /** Removes every watcher of the chosen type on the path. */
    public RemoveWatchesBuilder removeAll() {
        return new RemoveWatchesBuilder(client, null);
    }
}
