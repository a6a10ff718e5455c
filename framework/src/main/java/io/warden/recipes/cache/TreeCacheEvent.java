package io.warden.recipes.cache;

/** An event of a TreeCache-style listener: every node of the cached tree. */
public record TreeCacheEvent(Type type, ChildData data) {
    public enum Type {
        NODE_ADDED, NODE_UPDATED, NODE_REMOVED, CONNECTION_SUSPENDED, CONNECTION_RECONNECTED, CONNECTION_LOST, INITIALIZED
    }

    public Type getType() { return type; }
    public ChildData getData() { return data; }
}
