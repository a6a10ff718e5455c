package io.warden.framework.async;

import io.warden.framework.CuratorFramework;
import io.warden.framework.api.CreateBuilder;
import io.warden.framework.api.DeleteBuilder;
import io.warden.framework.api.NodeData;
import io.warden.framework.api.transaction.CuratorOp;
import io.warden.framework.api.transaction.CuratorTransactionResult;
import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.CreateMode;
import io.warden.znode.Stat;
import io.warden.znode.Watcher;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A CompletionStage view of a {@link CuratorFramework} (Warden's take on curator-x-async): options
 * are enum sets instead of builder chains, results are records. Nothing here blocks; every
 * returned stage completes on the client's event thread, so dependent stages never run on I/O threads.
 * Failures complete the stage exceptionally with the KeeperException (IllegalArgumentException for bad input
 * is thrown at once).
 */
public final class AsyncCuratorFramework {
    private final CuratorFrameworkImpl client;

    public AsyncCuratorFramework(CuratorFrameworkImpl client) {
        this.client = client;
    }

    public CuratorFramework unwrap() {
        return client;
    }

    public CompletionStage<String> create(String path, byte[] data) {
        return create(path, data, CreateMode.PERSISTENT, Set.of());
    }

    public CompletionStage<String> create(String path, byte[] data, CreateMode mode, Set<CreateOption> options) {
        CreateBuilder b = client.create().withMode(mode);
        if (options.contains(CreateOption.createParentsAsContainers)) {
            b.creatingParentContainersIfNeeded();
        } else if (options.contains(CreateOption.createParentsIfNeeded)) {
            b.creatingParentsIfNeeded();
        }
        if (options.contains(CreateOption.doProtected)) {
            b.withProtection();
        }
        if (options.contains(CreateOption.compress)) {
            b.compressed();
        }
        if (options.contains(CreateOption.setDataIfExists)) {
            b.orSetData();
        }
        if (options.contains(CreateOption.idempotent)) {
            b.idempotent();
        }
        return b.forPathAsync(path, data);
    }

    /** Data and Stat together. */
    public CompletionStage<NodeData> getData(String path) {
        return client.getData().withStat().forPathAsync(path);
    }

    /** Data and Stat, leaving a one-shot watch. */
    public CompletionStage<NodeData> getData(String path, Watcher watcher) {
        return client.getData().usingWatcher(watcher).withStat().forPathAsync(path);
    }

    public CompletionStage<Stat> setData(String path, byte[] data) {
        return setData(path, data, -1);
    }

    public CompletionStage<Stat> setData(String path, byte[] data, int version) {
        return client.setData().withVersion(version).forPathAsync(path, data);
    }

    public CompletionStage<Void> delete(String path) {
        return delete(path, -1, Set.of());
    }

    public CompletionStage<Void> delete(String path, int version, Set<DeleteOption> options) {
        DeleteBuilder b = client.delete().withVersion(version);
        if (options.contains(DeleteOption.quietly)) {
            b.quietly();
        }
        if (options.contains(DeleteOption.deletingChildrenIfNeeded)) {
            b.deletingChildrenIfNeeded();
        }
        if (options.contains(DeleteOption.guaranteed)) {
            b.guaranteed();
        }
        if (options.contains(DeleteOption.idempotent)) {
            b.idempotent();
        }
        return b.forPathAsync(path);
    }

    /** The Stat, or null when the node does not exist. */
    public CompletionStage<Stat> checkExists(String path) {
        return client.checkExists().forPathAsync(path);
    }

    public CompletionStage<List<String>> getChildren(String path) {
        return client.getChildren().forPathAsync(path);
    }

    public CompletionStage<List<CuratorTransactionResult>> transaction(List<CuratorOp> ops) {
        return client.transaction().forOperationsAsync(ops);
    }
}
