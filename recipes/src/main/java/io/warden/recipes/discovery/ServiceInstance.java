package io.warden.recipes.discovery;

import java.util.Objects;

/**
 * One registered instance of a named service: the JSON document stored at {@code basePath/name/id}.
 * Immutable; build with {@link #builder()}. {@code payload} is caller data serialized by the
 * {@link io.warden.recipes.discovery.details.InstanceSerializer}.
 *
 * @param <T> payload type
 */
public class ServiceInstance<T> {
    private final String name;
    private final String id;
    private final String address;
    private final Integer port;
    private final Integer sslPort;
    private final T payload;
    private final long registrationTimeUTC;
    private final ServiceType serviceType;
    private final UriSpec uriSpec;
    private final boolean enabled;

    public ServiceInstance(String name, String id, String address, Integer port, Integer sslPort, T payload,
                           long registrationTimeUTC, ServiceType serviceType, UriSpec uriSpec) {
        this(name, id, address, port, sslPort, payload, registrationTimeUTC, serviceType, uriSpec, true);
    }

    public ServiceInstance(String name, String id, String address, Integer port, Integer sslPort, T payload,
                           long registrationTimeUTC, ServiceType serviceType, UriSpec uriSpec, boolean enabled) {
        this.name = Objects.requireNonNull(name, "name cannot be null");
        this.id = Objects.requireNonNull(id, "id cannot be null");
        this.address = address;
        this.port = port;
        this.sslPort = sslPort;
        this.payload = payload;
        this.registrationTimeUTC = registrationTimeUTC;
        this.serviceType = serviceType == null ? ServiceType.DYNAMIC : serviceType;
        this.uriSpec = uriSpec;
        this.enabled = enabled;
    }

    /** A builder with a random id, the first usable local address and the current time. */
    public static <T> ServiceInstanceBuilder<T> builder() {
        return new ServiceInstanceBuilder<>();
    }

    public String getName() { return name; }
    public String getId() { return id; }
    public String getAddress() { return address; }
    public Integer getPort() { return port; }
    public Integer getSslPort() { return sslPort; }
    public T getPayload() { return payload; }
    public long getRegistrationTimeUTC() { return registrationTimeUTC; }
    public ServiceType getServiceType() { return serviceType; }
    public UriSpec getUriSpec() { return uriSpec; }
    public boolean isEnabled() { return enabled; }

    /** The uriSpec expanded for this instance, or null when there is no uriSpec. */
    public String buildUriSpec() {
        return buildUriSpec(java.util.Map.of());
    }

    public String buildUriSpec(java.util.Map<String, Object> variables) {
        return uriSpec == null ? null : uriSpec.build(this, variables);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServiceInstance<?> other)) {
            return false;
        }
        return registrationTimeUTC == other.registrationTimeUTC && enabled == other.enabled
                && name.equals(other.name) && id.equals(other.id) && Objects.equals(address, other.address)
                && Objects.equals(port, other.port) && Objects.equals(sslPort, other.sslPort)
                && Objects.equals(payload, other.payload) && serviceType == other.serviceType
                && Objects.equals(uriSpec, other.uriSpec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, id, address, port, sslPort, payload, registrationTimeUTC, serviceType, uriSpec,
                enabled);
    }

    @Override
    public String toString() {
        return "ServiceInstance{name='" + name + "', id='" + id + "', address='" + address + "', port=" + port
                + ", sslPort=" + sslPort + ", payload=" + payload + ", registrationTimeUTC=" + registrationTimeUTC
                + ", serviceType=" + serviceType + ", uriSpec=" + uriSpec + ", enabled=" + enabled + "}";
    }
}
