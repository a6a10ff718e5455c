package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.Watcher;

/** Builders that may leave a watch: {@code watched()} (events go to CuratorListeners) or {@code usingWatcher(...)}. */
public abstract class WatchableBuilder<SELF extends WatchableBuilder<SELF>> extends OperationBuilder<SELF> {
    private Watcher watcher;

    protected WatchableBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    /** Leaves a watch whose event is delivered to the client's CuratorListeners as a WATCHED event. */
    public SELF watched() {
        watcher = client.listenerWatcher();
        return self();
    }

    public SELF usingWatcher(Watcher w) {
        watcher = client.wrap(w);
        return self();
    }

    public SELF usingWatcher(CuratorWatcher w) {
        watcher = client.wrap(w);
        return self();
    }

    /** The wrapped watcher to register, or null. */
    protected Watcher watcher() {
        return watcher;
    }
}
