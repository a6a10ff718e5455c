package io.warden.recipes.discovery.details;

import io.warden.recipes.discovery.ServiceCache;
import io.warden.recipes.discovery.ServiceCacheBuilder;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Builds {@link ServiceCacheImpl}s. */
class ServiceCacheBuilderImpl<T> implements ServiceCacheBuilder<T> {
    private final ServiceDiscoveryImpl<T> discovery;
    private String name;
    private ThreadFactory threadFactory;
    private ExecutorService executor;

    ServiceCacheBuilderImpl(ServiceDiscoveryImpl<T> discovery) {
        this.discovery = discovery;
    }

    @Override
    public ServiceCache<T> build() {
        if (name == null) {
            throw new IllegalArgumentException("a service cache needs a name");
        }
        boolean own = executor == null;
        ExecutorService ex = own ? Executors.newSingleThreadExecutor(threadFactory != null ? threadFactory : r -> {
            Thread t = new Thread(r, "ServiceCache-" + name);
            t.setDaemon(true);
            return t;
        }) : executor;
        return new ServiceCacheImpl<>(discovery, name, ex, own);
    }

    @Override
    public ServiceCacheBuilder<T> name(String name) { this.name = name; return this; }

    @Override
    public ServiceCacheBuilder<T> threadFactory(ThreadFactory f) { this.threadFactory = f; return this; }

    @Override
    public ServiceCacheBuilder<T> executorService(ExecutorService e) { this.executor = e; return this; }
}
