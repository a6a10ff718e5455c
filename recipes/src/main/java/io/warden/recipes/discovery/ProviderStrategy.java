package io.warden.recipes.discovery;

import io.warden.recipes.discovery.details.InstanceProvider;

/** Picks one instance from those a provider offers. Implementations must be thread-safe. */
@FunctionalInterface
public interface ProviderStrategy<T> {
    /** @return an instance, or null when there is none */
    ServiceInstance<T> getInstance(InstanceProvider<T> instanceProvider) throws Exception;
}
