package io.warden.recipes.discovery;

import java.io.Closeable;
import java.util.Collection;

/**
 * Registers and finds service instances under {@code basePath/name/id} (the curator-x-discovery
 * layout and JSON, so both interoperate). Registered DYNAMIC instances are re-created after a
 * session loss, always with their latest registered/updated version.
 *
 * <p>Threading: thread-safe; methods block for their reads/writes.
 */
public interface ServiceDiscovery<T> extends Closeable {
    /** Registers {@code thisInstance} (if any) and starts tracking the connection. */
    void start() throws Exception;

    void registerService(ServiceInstance<T> service) throws Exception;

    /** Replaces a registered instance's data. @throws Exception if it is not registered here */
    void updateService(ServiceInstance<T> service) throws Exception;

    void unregisterService(ServiceInstance<T> service) throws Exception;

    ServiceCacheBuilder<T> serviceCacheBuilder();

    Collection<String> queryForNames() throws Exception;

    Collection<ServiceInstance<T>> queryForInstances(String name) throws Exception;

    /** @return the instance, or null when not registered */
    ServiceInstance<T> queryForInstance(String name, String id) throws Exception;

    ServiceProviderBuilder<T> serviceProviderBuilder();
}
