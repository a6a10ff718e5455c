package io.warden.recipes.discovery.strategies;

import io.warden.recipes.discovery.ProviderStrategy;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.details.InstanceProvider;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps returning the same instance while it is available; otherwise asks the delegate for a new one. */
public class StickyStrategy<T> implements ProviderStrategy<T> {
    private final ProviderStrategy<T> delegate;
    private final AtomicReference<ServiceInstance<T>> current = new AtomicReference<>();

    public StickyStrategy(ProviderStrategy<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public ServiceInstance<T> getInstance(InstanceProvider<T> provider) throws Exception {
        List<ServiceInstance<T>> instances = provider.getInstances();
        ServiceInstance<T> sticky = current.get();
        if (sticky != null) {
            for (ServiceInstance<T> i : instances) {
                if (i.getId().equals(sticky.getId())) {
                    return i;
                }
            }
        }
        ServiceInstance<T> chosen = delegate.getInstance(() -> instances);
        current.set(chosen);
        return chosen;
    }
}
