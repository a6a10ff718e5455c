package io.warden.framework.api;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.znode.Stat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@code client.getData()}: returns the node's data. Modifiers: storingStatIn, watched,
 * usingWatcher, decompressed, inBackground; {@link #withStat()} returns data and Stat as one record.
 */
public final class GetDataBuilder extends WatchableBuilder<GetDataBuilder> {
    private Stat storingStatIn;
    private boolean decompressed;

    public GetDataBuilder(CuratorFrameworkImpl client) {
        super(client);
        decompressed = core.compressionEnabled();
    }

    public GetDataBuilder storingStatIn(Stat stat) {
        storingStatIn = stat;
        return this;
    }

    public GetDataBuilder decompressed() {
        decompressed = true;
        return this;
    }

    /** Switches to the record-returning form: {@code getData().withStat().forPath(p)} gives a {@link NodeData}. */
    public WithStat withStat() {
        return new WithStat();
    }

    public byte[] forPath(String path) throws Exception {
        NodeData d = complete(start(path), CuratorEventType.GET_DATA, path, (b, n) -> b.data(n.data()).stat(n.stat()));
        return d == null ? null : d.data();
    }

    public CompletionStage<byte[]> forPathAsync(String path) {
        return onEventThread(start(path).thenApply(NodeData::data));
    }

    private CompletableFuture<NodeData> start(String path) {
        core.checkStarted();
        String fixed = ns.fix(path);
        client.noteWatcher(fixed, watcher());
        return core.retrying(n -> core.inNamespace(ns, () -> core.zk().getData(fixed, watcher())))
                .thenApply(d -> {
                    byte[] data = d.data();
                    if (decompressed && data != null) {
                        try {
                            data = core.compressionProvider().decompress(fixed, data);
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    }
                    if (storingStatIn != null) {
                        storingStatIn.copyFrom(d.stat());
                    }
                    return new NodeData(path, data, d.stat());
                });
    }

    /** The record-returning form of this builder. */
    public final class WithStat {
        private WithStat() {}

        public NodeData forPath(String path) throws Exception {
            return complete(start(path), CuratorEventType.GET_DATA, path, (b, d) -> b.data(d.data()).stat(d.stat()));
        }

        public CompletionStage<NodeData> forPathAsync(String path) {
            return onEventThread(start(path));
        }
    }
}
