package io.warden.recipes.cache;

import io.warden.znode.Stat;

/**
 * A cached node: its path, Stat and data (null when the cache does not keep data). Immutable by
 * convention: do not modify the returned Stat or array.
 */
public record ChildData(String path, Stat stat, byte[] data) implements Comparable<ChildData> {
    public String getPath() { return path; }
    public Stat getStat() { return stat; }
    public byte[] getData() { return data; }

    @Override
    public int compareTo(ChildData o) {
        return path.compareTo(o.path);
    }
}
