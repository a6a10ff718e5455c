package io.warden.recipes.cache;

import io.warden.framework.CuratorFramework;
import io.warden.znode.PathUtils;

import java.util.EnumSet;
import java.util.function.Consumer;

/** Configures a {@link CuratorCache}. */
public final class CuratorCacheBuilder {
    private final CuratorFramework client;
    private final String path;
    private final EnumSet<CuratorCache.Options> options = EnumSet.noneOf(CuratorCache.Options.class);
    private boolean cacheData = true;
    private Consumer<Exception> exceptionHandler;

    CuratorCacheBuilder(CuratorFramework client, String path) {
        PathUtils.validatePath(path);
        this.client = client;
        this.path = path;
    }

    public CuratorCacheBuilder withOptions(CuratorCache.Options... opts) {
        for (CuratorCache.Options o : opts) {
            options.add(o);
        }
        return this;
    }

    /** Keep only paths and Stats, not data. */
    public CuratorCacheBuilder withDataNotCached() {
        cacheData = false;
        return this;
    }

    /** Receives errors of background reads and listeners (default: logged). */
    public CuratorCacheBuilder withExceptionHandler(Consumer<Exception> handler) {
        exceptionHandler = handler;
        return this;
    }

    public CuratorCache build() {
        return new CuratorCacheImpl(client, path, options, cacheData, exceptionHandler);
    }
}
