package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.FrameworkCore;
import io.warden.framework.imps.TreeOps;
import io.warden.retry.RetryPolicy;
import io.warden.znode.KeeperException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code client.delete()}. Modifiers: guaranteed (a delete that fails for connection reasons is
 * retried in the background until it succeeds; the call still reports the failure),
 * deletingChildrenIfNeeded, withVersion, quietly (a missing node is not an error), idempotent
 * (a missing node after a retried attempt is success), inBackground.
 */
public final class DeleteBuilder extends OperationBuilder<DeleteBuilder> {
    private boolean guaranteed;
    private boolean deletingChildren;
    private int version = -1;
    private boolean quietly;
    private boolean idempotent;

    public DeleteBuilder(CuratorFrameworkImpl client) {
        super(client);
    }

    public DeleteBuilder guaranteed() {
        guaranteed = true;
        return this;
    }

    public DeleteBuilder deletingChildrenIfNeeded() {
        deletingChildren = true;
        return this;
    }

    public DeleteBuilder withVersion(int version) {
        this.version = version;
        return this;
    }

    public DeleteBuilder quietly() {
        quietly = true;
        return this;
    }

    public DeleteBuilder idempotent() {
        idempotent = true;
        return this;
    }

    public Void forPath(String path) throws Exception {
        return complete(start(path), CuratorEventType.DELETE, path, (b, v) -> { });
    }

    public CompletionStage<Void> forPathAsync(String path) {
        return onEventThread(start(path));
    }

    private CompletableFuture<Void> start(String path) {
        core.checkStarted();
        String fixed = ns.fix(path);
        CompletableFuture<Void> f = core.retrying(n -> core.inNamespace(ns, () -> attempt(n, fixed)));
        if (guaranteed) {
            f.whenComplete((v, e) -> {
                if (e != null && FrameworkCore.unwrap(e) instanceof KeeperException ke && RetryPolicy.isRetryable(ke.code())) {
                    core.addFailedDelete(fixed);
                }
            });
        }
        return f;
    }

    private CompletableFuture<Void> attempt(int n, String fixed) {
        CompletableFuture<Void> f = core.zk().delete(fixed, version);
        if (deletingChildren) {
            f = f.exceptionallyCompose(e -> {
                if (FrameworkCore.unwrap(e) instanceof KeeperException.NotEmptyException) {
                    return TreeOps.deleteChildren(core.zk(), fixed, false)
                            .thenCompose(v -> core.zk().delete(fixed, version));
                }
                return CompletableFuture.failedFuture(FrameworkCore.unwrap(e));
            });
        }
        boolean missingIsOk = quietly || (idempotent && n > 0);
        if (missingIsOk) {
            f = TreeOps.ignoreNoNode(f);
        }
        return f;
    }
}
