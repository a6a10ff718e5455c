package io.warden.recipes.discovery;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.discovery.details.InstanceSerializer;
import io.warden.recipes.discovery.details.JsonInstanceSerializer;
import io.warden.recipes.discovery.details.ServiceDiscoveryImpl;

import java.util.Objects;

/**
 * Builds a {@link ServiceDiscovery}. The default serializer writes the {@code enabled} field
 * (unlike Curator's default, which drops it so that disabled instances come back enabled);
 * Curator 4+ readers accept it. Not thread-safe.
 */
public class ServiceDiscoveryBuilder<T> {
    private final Class<T> payloadClass;
    private CuratorFramework client;
    private String basePath;
    private InstanceSerializer<T> serializer;
    private ServiceInstance<T> thisInstance;
    private boolean watchInstances;

    ServiceDiscoveryBuilder(Class<T> payloadClass) {
        this.payloadClass = Objects.requireNonNull(payloadClass, "payloadClass");
    }

    public static <T> ServiceDiscoveryBuilder<T> builder(Class<T> payloadClass) {
        return new ServiceDiscoveryBuilder<>(payloadClass);
    }

    /** @throws NullPointerException if no client or basePath was given */
    public ServiceDiscovery<T> build() {
        Objects.requireNonNull(client, "client cannot be null");
        Objects.requireNonNull(basePath, "basePath cannot be null");
        InstanceSerializer<T> s = serializer != null ? serializer : new JsonInstanceSerializer<>(payloadClass, false);
        return new ServiceDiscoveryImpl<>(client, basePath, s, thisInstance, watchInstances);
    }

    public ServiceDiscoveryBuilder<T> client(CuratorFramework client) { this.client = client; return this; }
    public ServiceDiscoveryBuilder<T> basePath(String basePath) { this.basePath = basePath; return this; }
    public ServiceDiscoveryBuilder<T> serializer(InstanceSerializer<T> s) { this.serializer = s; return this; }
    public ServiceDiscoveryBuilder<T> thisInstance(ServiceInstance<T> i) { this.thisInstance = i; return this; }

    /** Also re-create a registration whose node is deleted by someone else. */
    public ServiceDiscoveryBuilder<T> watchInstances(boolean watch) { this.watchInstances = watch; return this; }
}
