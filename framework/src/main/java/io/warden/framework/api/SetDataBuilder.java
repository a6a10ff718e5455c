package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.FrameworkCore;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code client.setData()}: returns the node's new Stat. Modifiers: withVersion, compressed,
 * idempotent (a retried versioned write whose first reply was lost still succeeds), inBackground.
 */
public final class SetDataBuilder extends OperationBuilder<SetDataBuilder> {
    private int version = -1;
    private boolean compressed;
    private boolean idempotent;

    public SetDataBuilder(CuratorFrameworkImpl client) {
        super(client);
        compressed = core.compressionEnabled();
    }

    public SetDataBuilder withVersion(int version) {
        this.version = version;
        return this;
    }

    public SetDataBuilder compressed() {
        compressed = true;
        return this;
    }

    public SetDataBuilder idempotent() {
        idempotent = true;
        return this;
    }

    /** Sets the client's default data. */
    public Stat forPath(String path) throws Exception {
        return forPath(path, core.defaultData());
    }

    public Stat forPath(String path, byte[] data) throws Exception {
        return complete(start(path, data), CuratorEventType.SET_DATA, path, (b, s) -> b.stat(s));
    }

    public CompletionStage<Stat> forPathAsync(String path, byte[] data) {
        return onEventThread(start(path, data));
    }

    private CompletableFuture<Stat> start(String path, byte[] data) {
        core.checkStarted();
        String fixed = ns.fix(path);
        byte[] payload = data;
        if (compressed && data != null) {
            try {
                payload = core.compressionProvider().compress(fixed, data);
            } catch (Exception e) {
                throw new IllegalArgumentException("compression failed for " + path, e);
            }
        }
        byte[] body = payload;
        return core.retrying(n -> core.inNamespace(ns, () -> attempt(n, fixed, body)));
    }

    private CompletableFuture<Stat> attempt(int n, String fixed, byte[] data) {
        CompletableFuture<Stat> f = core.zk().setData(fixed, data, version);
        if (idempotent && n > 0 && version >= 0) {
            f = f.exceptionallyCompose(e -> {
                if (!(FrameworkCore.unwrap(e) instanceof KeeperException.BadVersionException)) {
                    return CompletableFuture.failedFuture(FrameworkCore.unwrap(e));
                }
                return core.zk().getData(fixed, null).thenCompose(d ->
                        d.stat().getVersion() == version + 1 && Arrays.equals(d.data(), data)
                                ? CompletableFuture.completedFuture(d.stat())
                                : CompletableFuture.failedFuture(FrameworkCore.unwrap(e)));
            });
        }
        return f;
    }
}
