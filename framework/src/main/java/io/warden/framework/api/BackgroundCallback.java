package io.warden.framework.api;

import io.warden.framework.CuratorFramework;

/** Receives the result of an {@code inBackground(...)} operation, on the event thread or the given executor. */
@FunctionalInterface
public interface BackgroundCallback {
    void processResult(CuratorFramework client, CuratorEvent event) throws Exception;
}
