package io.warden.framework.api.transaction;

import io.warden.znode.Stat;

/**
 * The outcome of one transaction operation.
 *
 * @param resultPath the created path (namespace-relative) for creates, otherwise the path
 * @param resultStat the new stat where the server returns one (create2, setData), else null
 * @param error      0 for success, otherwise the KeeperException code value
 */
public record CuratorTransactionResult(OperationType type, String forPath, String resultPath, Stat resultStat,
                                       int error) {
    public OperationType getType() { return type; }
    public String getForPath() { return forPath; }
    public String getResultPath() { return resultPath; }
    public Stat getResultStat() { return resultStat; }
    public int getError() { return error; }
}
