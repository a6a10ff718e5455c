package io.warden.recipes.cache;

import io.warden.framework.CuratorFramework;

/** The listener of Curator's TreeCache; bridge it with {@link CuratorCacheListenerBuilder#forTreeCache}. */
@FunctionalInterface
public interface TreeCacheListener {
    void childEvent(CuratorFramework client, TreeCacheEvent event) throws Exception;
}
