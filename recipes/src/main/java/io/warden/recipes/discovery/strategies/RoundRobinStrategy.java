package io.warden.recipes.discovery.strategies;

import io.warden.recipes.discovery.ProviderStrategy;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.details.InstanceProvider;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Cycles through the instances in order. Thread-safe. */
public class RoundRobinStrategy<T> implements ProviderStrategy<T> {
    private final AtomicInteger index = new AtomicInteger();

    @Override
    public ServiceInstance<T> getInstance(InstanceProvider<T> provider) throws Exception {
        List<ServiceInstance<T>> instances = provider.getInstances();
        if (instances.isEmpty()) {
            return null;
        }
        return instances.get(Math.floorMod(index.getAndIncrement(), instances.size()));
    }
}
