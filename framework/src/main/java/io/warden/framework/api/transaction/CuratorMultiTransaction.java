package io.warden.framework.api.transaction;

import io.warden.framework.api.CuratorEventType;
import io.warden.framework.api.OperationBuilder;
import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.Namespace;
import io.warden.znode.Op;
import io.warden.znode.OpResult;
import io.warden.znode.Stat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code client.transaction().forOperations(ops)}: all operations commit atomically, or none does.
 * On failure the first failing operation's KeeperException is thrown; its {@code getResults()} has
 * the per-operation outcome.
 */
public final class CuratorMultiTransaction extends OperationBuilder<CuratorMultiTransaction> {
    public CuratorMultiTransaction(CuratorFrameworkImpl client) {
        super(client);
    }

    public List<CuratorTransactionResult> forOperations(CuratorOp... ops) throws Exception {
        return forOperations(Arrays.asList(ops));
    }

    public List<CuratorTransactionResult> forOperations(List<CuratorOp> ops) throws Exception {
        return complete(start(ops), CuratorEventType.TRANSACTION, null, (b, r) -> b.opResults(r));
    }

    public CompletionStage<List<CuratorTransactionResult>> forOperationsAsync(List<CuratorOp> ops) {
        return onEventThread(start(ops));
    }

    private CompletableFuture<List<CuratorTransactionResult>> start(List<CuratorOp> ops) {
        core.checkStarted();
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one operation");
        }
        List<Op> raw = new ArrayList<>(ops.size());
        ops.forEach(o -> raw.add(o.get()));
        return core.retrying(n -> core.inNamespace(ns, () -> core.zk().multi(raw)))
                .thenApply(results -> toResults(ops, results, ns));
    }

    static List<CuratorTransactionResult> toResults(List<CuratorOp> ops, List<OpResult> results, Namespace ns) {
        List<CuratorTransactionResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size() && i < ops.size(); i++) {
            CuratorOp op = ops.get(i);
            OpResult r = results.get(i);
            String resultPath = op.forPath();
            Stat stat = null;
            int err = 0;
            if (r instanceof OpResult.CreateResult c) {
                resultPath = ns.unfix(c.path());
                stat = c.stat();
            } else if (r instanceof OpResult.SetDataResult s) {
                stat = s.stat();
            } else if (r instanceof OpResult.ErrorResult e) {
                err = e.err();
            }
            out.add(new CuratorTransactionResult(op.type(), op.forPath(), resultPath, stat, err));
        }
        return out;
    }
}
