package io.warden.recipes.cache;

import io.warden.framework.CuratorFramework;
import io.warden.framework.listen.Listenable;

import java.io.Closeable;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local, eventually consistent copy of a node and (unless SINGLE_NODE_CACHE) its whole subtree,
 * kept up to date by one persistent recursive watch. After a reconnect the tree is re-read, since
 * persistent watches carry no catch-up events. Listeners run on the client's event thread.
 */
public interface CuratorCache extends Closeable {
    enum Options {
        /** Cache only the root node, not its descendants. */
        SINGLE_NODE_CACHE,
        /** Decompress node data with the client's compression provider. */
        COMPRESSED_DATA,
        /** Keep the cached data after close. */
        DO_NOT_CLEAR_ON_CLOSE
    }

    static CuratorCache build(CuratorFramework client, String path, Options... options) {
        return builder(client, path).withOptions(options).build();
    }

    static CuratorCacheBuilder builder(CuratorFramework client, String path) {
        return new CuratorCacheBuilder(client, path);
    }

    /** Adds the watch and loads the tree in the background. */
    void start();

    @Override
    void close();

    Listenable<CuratorCacheListener> listenable();

    Optional<ChildData> get(String path);

    int size();

    Stream<ChildData> stream();
}
