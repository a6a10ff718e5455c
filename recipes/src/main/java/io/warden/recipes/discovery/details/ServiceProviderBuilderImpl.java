package io.warden.recipes.discovery.details;

import io.warden.recipes.discovery.DownInstancePolicy;
import io.warden.recipes.discovery.InstanceFilter;
import io.warden.recipes.discovery.ProviderStrategy;
import io.warden.recipes.discovery.ServiceCacheBuilder;
import io.warden.recipes.discovery.ServiceProvider;
import io.warden.recipes.discovery.ServiceProviderBuilder;
import io.warden.recipes.discovery.strategies.RoundRobinStrategy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/** Builds {@link ServiceProviderImpl}s; the default strategy is round robin. */
class ServiceProviderBuilderImpl<T> implements ServiceProviderBuilder<T> {
    private final ServiceDiscoveryImpl<T> discovery;
    private String serviceName;
    private ProviderStrategy<T> strategy = new RoundRobinStrategy<>();
    private ThreadFactory threadFactory;
    private ExecutorService executor;
    private DownInstancePolicy downPolicy = new DownInstancePolicy();
    private final List<InstanceFilter<T>> filters = new ArrayList<>();

    ServiceProviderBuilderImpl(ServiceDiscoveryImpl<T> discovery) {
        this.discovery = discovery;
    }

    @Override
    public ServiceProvider<T> build() {
        if (serviceName == null) {
            throw new IllegalArgumentException("a service provider needs a serviceName");
        }
        ServiceCacheBuilder<T> cb = discovery.serviceCacheBuilder().name(serviceName);
        if (threadFactory != null) {
            cb.threadFactory(threadFactory);
        }
        if (executor != null) {
            cb.executorService(executor);
        }
        return new ServiceProviderImpl<>(cb.build(), strategy, new DownInstanceManager<>(downPolicy, Clock.systemUTC()),
                filters);
    }

    @Override public ServiceProviderBuilder<T> serviceName(String n) { this.serviceName = n; return this; }
    @Override public ServiceProviderBuilder<T> providerStrategy(ProviderStrategy<T> s) { this.strategy = s; return this; }
    @Override public ServiceProviderBuilder<T> threadFactory(ThreadFactory f) { this.threadFactory = f; return this; }
    @Override public ServiceProviderBuilder<T> downInstancePolicy(DownInstancePolicy p) { this.downPolicy = p; return this; }
    @Override public ServiceProviderBuilder<T> additionalFilter(InstanceFilter<T> f) { this.filters.add(f); return this; }
    @Override public ServiceProviderBuilder<T> executorService(ExecutorService e) { this.executor = e; return this; }
}
