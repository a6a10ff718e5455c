package io.warden.framework.api;

import io.warden.framework.CuratorFramework;

/** Receives background results that had no callback, and events of {@code watched()} watches. */
@FunctionalInterface
public interface CuratorListener {
    void eventReceived(CuratorFramework client, CuratorEvent event) throws Exception;
}
