package io.warden.framework.api;

import io.warden.znode.Stat;

/**
 * A node's data and Stat read together (Warden extension): what {@code getData().withStat().forPath(p)}
 * returns instead of filling an out-parameter.
 *
 * @param path namespace-relative path
 */
public record NodeData(String path, byte[] data, Stat stat) {
    public byte[] getData() { return data; }
    public Stat getStat() { return stat; }
    public String getPath() { return path; }
}
