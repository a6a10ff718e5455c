package io.warden.framework.api;

import io.warden.znode.WatchedEvent;

/** A watcher that may throw; what it throws goes to the unhandled-error listeners. */
@FunctionalInterface
public interface CuratorWatcher {
    void process(WatchedEvent event) throws Exception;
}
