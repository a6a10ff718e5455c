package io.warden.recipes.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Builds a {@link ServiceInstance}. Defaults: a random UUID id, the first non-loopback local
 * address accepted by the {@link LocalIpFilter} (loopback if none), the current UTC time, DYNAMIC.
 * Not thread-safe; use one builder per thread.
 */
public class ServiceInstanceBuilder<T> {
    private static volatile LocalIpFilter localIpFilter = (nif, addr) -> !addr.isLinkLocalAddress()
            && !addr.isLoopbackAddress() && nif.isUp() && !nif.isVirtual();

    private String name;
    private String id = UUID.randomUUID().toString();
    private String address;
    private Integer port;
    private Integer sslPort;
    private T payload;
    private Long registrationTimeUTC;
    private Clock clock = Clock.systemUTC();
    private ServiceType serviceType = ServiceType.DYNAMIC;
    private UriSpec uriSpec;
    private boolean enabled = true;

    ServiceInstanceBuilder() {}

    /** The filter used for default addresses (process-wide, as in Curator). */
    public static void setLocalIpFilter(LocalIpFilter filter) {
        localIpFilter = java.util.Objects.requireNonNull(filter, "filter");
    }

    public static LocalIpFilter getLocalIpFilter() {
        return localIpFilter;
    }

    /** @throws NullPointerException if no name was set */
    public ServiceInstance<T> build() {
        java.util.Objects.requireNonNull(name, "name cannot be null");
        String addr = address != null ? address : defaultAddress();
        long time = registrationTimeUTC != null ? registrationTimeUTC : clock.millis();
        return new ServiceInstance<>(name, id, addr, port, sslPort, payload, time, serviceType, uriSpec, enabled);
    }

    public ServiceInstanceBuilder<T> name(String name) { this.name = name; return this; }
    public ServiceInstanceBuilder<T> address(String address) { this.address = address; return this; }
    public ServiceInstanceBuilder<T> id(String id) { this.id = id; return this; }
    public ServiceInstanceBuilder<T> port(int port) { this.port = port; return this; }
    public ServiceInstanceBuilder<T> sslPort(int port) { this.sslPort = port; return this; }
    public ServiceInstanceBuilder<T> payload(T payload) { this.payload = payload; return this; }
    public ServiceInstanceBuilder<T> serviceType(ServiceType type) { this.serviceType = type; return this; }
    public ServiceInstanceBuilder<T> registrationTimeUTC(long t) { this.registrationTimeUTC = t; return this; }
    /** The clock used for the default registration time (Warden extension, for tests). */
    public ServiceInstanceBuilder<T> clock(Clock clock) { this.clock = clock; return this; }
    public ServiceInstanceBuilder<T> uriSpec(UriSpec spec) { this.uriSpec = spec; return this; }
    public ServiceInstanceBuilder<T> enabled(boolean enabled) { this.enabled = enabled; return this; }

    /** All local addresses accepted by the current {@link LocalIpFilter}. */
    public static Collection<InetAddress> getAllLocalIPs() throws SocketException {
        List<InetAddress> result = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress addr : Collections.list(nif.getInetAddresses())) {
                if (localIpFilter.use(nif, addr)) {
                    result.add(addr);
                }
            }
        }
        return result;
    }

    private static String defaultAddress() {
        try {
            Collection<InetAddress> ips = getAllLocalIPs();
            if (!ips.isEmpty()) {
                return ips.iterator().next().getHostAddress();
            }
        } catch (SocketException e) {
            // fall through to loopback: a host without usable interfaces can still register
        }
        return InetAddress.getLoopbackAddress().getHostAddress();
    }
}
