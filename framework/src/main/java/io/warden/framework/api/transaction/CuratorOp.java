package io.warden.framework.api.transaction;

import io.warden.znode.Op;

/**
 * One operation of a transaction, built with {@code client.transactionOp()}. Its path is already
 * namespace-qualified; {@link #forPath()} is the path as the caller wrote it.
 */
public record CuratorOp(OperationType type, String forPath, Op op) {
    public OperationType getType() { return type; }
    public String getForPath() { return forPath; }
    public Op get() { return op; }
}
