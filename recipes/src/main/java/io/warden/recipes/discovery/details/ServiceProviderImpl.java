package io.warden.recipes.discovery.details;

import io.warden.recipes.discovery.InstanceFilter;
import io.warden.recipes.discovery.ProviderStrategy;
import io.warden.recipes.discovery.ServiceCache;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.ServiceProvider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A {@link ServiceProvider} over a {@link ServiceCache}: enabled, not-down, filter-passing instances. */
class ServiceProviderImpl<T> implements ServiceProvider<T> {
    private final ServiceCache<T> cache;
    private final ProviderStrategy<T> strategy;
    private final DownInstanceManager<T> down;
    private final List<InstanceFilter<T>> filters;

    ServiceProviderImpl(ServiceCache<T> cache, ProviderStrategy<T> strategy, DownInstanceManager<T> down,
                        List<InstanceFilter<T>> filters) {
        this.cache = cache;
        this.strategy = strategy;
        this.down = down;
        this.filters = List.copyOf(filters);
    }

    @Override
    public void start() throws Exception {
        cache.start();
    }

    @Override
    public ServiceInstance<T> getInstance() throws Exception {
        return strategy.getInstance(this::filtered);
    }

    private List<ServiceInstance<T>> filtered() {
        List<ServiceInstance<T>> out = new ArrayList<>();
        for (ServiceInstance<T> i : cache.getInstances()) {
            if (i.isEnabled() && down.test(i) && filters.stream().allMatch(f -> f.test(i))) {
                out.add(i);
            }
        }
        return out;
    }

    @Override
    public Collection<ServiceInstance<T>> getAllInstances() {
        return cache.getInstances();
    }

    @Override
    public void noteError(ServiceInstance<T> instance) {
        down.add(instance);
    }

    @Override
    public void close() throws java.io.IOException {
        cache.close();
    }
}
