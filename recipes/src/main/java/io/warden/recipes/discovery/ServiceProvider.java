package io.warden.recipes.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;

/** Hands out instances of one service by a {@link ProviderStrategy}, skipping disabled and down ones. */
public interface ServiceProvider<T> extends Closeable {
    void start() throws Exception;

    /** @return an instance, or null when none is available */
    ServiceInstance<T> getInstance() throws Exception;

    Collection<ServiceInstance<T>> getAllInstances() throws Exception;

    /** Reports a failed call to the instance; see {@link DownInstancePolicy}. */
    void noteError(ServiceInstance<T> instance);

    @Override
    void close() throws IOException;
}
