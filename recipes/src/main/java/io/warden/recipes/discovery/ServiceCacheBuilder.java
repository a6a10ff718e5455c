package io.warden.recipes.discovery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/** Builds a {@link ServiceCache}. Not thread-safe. */
public interface ServiceCacheBuilder<T> {
    ServiceCache<T> build();

    ServiceCacheBuilder<T> name(String name);

    ServiceCacheBuilder<T> threadFactory(ThreadFactory threadFactory);

    ServiceCacheBuilder<T> executorService(ExecutorService executorService);
}
