package io.warden.recipes.discovery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/** Builds a {@link ServiceProvider}. Not thread-safe. */
public interface ServiceProviderBuilder<T> {
    ServiceProvider<T> build();

    ServiceProviderBuilder<T> serviceName(String serviceName);

    ServiceProviderBuilder<T> providerStrategy(ProviderStrategy<T> providerStrategy);

    ServiceProviderBuilder<T> threadFactory(ThreadFactory threadFactory);

    ServiceProviderBuilder<T> downInstancePolicy(DownInstancePolicy downInstancePolicy);

    ServiceProviderBuilder<T> additionalFilter(InstanceFilter<T> filter);

    ServiceProviderBuilder<T> executorService(ExecutorService executorService);
}
