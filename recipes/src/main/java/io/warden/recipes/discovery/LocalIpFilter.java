package io.warden.recipes.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** Chooses which local addresses {@link ServiceInstanceBuilder} may use as a default address. */
@FunctionalInterface
public interface LocalIpFilter {
    boolean use(NetworkInterface networkInterface, InetAddress address) throws SocketException;
}
