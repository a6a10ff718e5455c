package io.warden.framework.imps;

import io.warden.client.ZkClient;
import io.warden.znode.KeeperException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Asynchronous whole-subtree helpers on the protocol client. Paths are server-side (namespace included). */
public final class TreeOps {
    private TreeOps() {}

    /** Deletes every descendant of {@code path} (children first), and the node itself when {@code deleteSelf}. */
    public static CompletableFuture<Void> deleteChildren(ZkClient zk, String path, boolean deleteSelf) {
        return zk.getChildren(path, null).handle((r, e) -> {
            if (e != null) {
                Throwable c = FrameworkCore.unwrap(e);
                if (c instanceof KeeperException.NoNodeException) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                throw new CompletionException(c);
            }
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (String child : r.children()) {
                String childPath = path.equals("/") ? "/" + child : path + "/" + child;
                chain = chain.thenCompose(v -> deleteChildren(zk, childPath, true));
            }
            return deleteSelf ? chain.thenCompose(v -> ignoreNoNode(zk.delete(path, -1))) : chain;
        }).thenCompose(f -> f);
    }

    public static CompletableFuture<Void> ignoreNoNode(CompletableFuture<Void> f) {
        return f.exceptionallyCompose(e -> {
            if (FrameworkCore.unwrap(e) instanceof KeeperException.NoNodeException) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.failedFuture(FrameworkCore.unwrap(e));
        });
    }

    public static String parentOf(String path) {
        int idx = path.lastIndexOf('/');
        return idx <= 0 ? "/" : path.substring(0, idx);
    }

    public static String nodeOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
