package io.warden.recipes.cache;

/** The listener of Curator's NodeCache: something about the node changed. */
@FunctionalInterface
public interface NodeCacheListener {
    void nodeChanged() throws Exception;
}
