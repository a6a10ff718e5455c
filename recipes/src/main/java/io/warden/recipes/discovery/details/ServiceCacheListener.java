package io.warden.recipes.discovery.details;

import io.warden.framework.state.ConnectionStateListener;

/** Told when a ServiceCache's instances change, and about connection state changes. */
public interface ServiceCacheListener extends ConnectionStateListener {
    void cacheChanged();
}
