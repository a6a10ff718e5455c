package io.warden.recipes.cache;

/** Told about changes of a {@link CuratorCache}, on the client's event thread unless given an executor. */
@FunctionalInterface
public interface CuratorCacheListener {
    enum Type { NODE_CREATED, NODE_CHANGED, NODE_DELETED }

    /**
     * @param oldData the previous value (null for creates)
     * @param data    the new value (for deletes: the last value)
     */
    void event(Type type, ChildData oldData, ChildData data);

    /** Called once, when the initial load of the cache has finished. */
    default void initialized() {
    }

    static CuratorCacheListenerBuilder builder() {
        return new CuratorCacheListenerBuilder();
    }
}
