package io.warden.recipes.cache;

import io.warden.framework.CuratorFramework;

/** The listener of Curator's PathChildrenCache; bridge it with {@link CuratorCacheListenerBuilder#forPathChildrenCache}. */
@FunctionalInterface
public interface PathChildrenCacheListener {
    void childEvent(CuratorFramework client, PathChildrenCacheEvent event) throws Exception;
}
