package io.warden.recipes.cache;

/** An event of a PathChildrenCache-style listener: only direct children of the root are reported. */
public record PathChildrenCacheEvent(Type type, ChildData data) {
    public enum Type {
        CHILD_ADDED, CHILD_UPDATED, CHILD_REMOVED, CONNECTION_SUSPENDED, CONNECTION_RECONNECTED, CONNECTION_LOST, INITIALIZED
    }

    public Type getType() { return type; }
    public ChildData getData() { return data; }
}
