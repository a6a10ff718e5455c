package io.warden.client;

import io.warden.znode.PathUtils;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A parsed connect string: {@code host1:port1,host2:port2/optional/chroot}. Hosts without a port
 * use 2181. The chroot, when present, is prefixed to every path sent and stripped from every path received.
 */
public record ConnectString(List<InetSocketAddress> hosts, String chroot) {
    public static final int DEFAULT_PORT = 2181;

    public ConnectString {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("connect string names no host");
        }
    }

    /** @throws IllegalArgumentException for an empty string, a bad port or an invalid chroot */
    public static ConnectString parse(String connectString) {
        if (connectString == null || connectString.isBlank()) {
            throw new IllegalArgumentException("connect string is empty");
        }
        String hostPart = connectString.trim();
        String chroot = null;
        int slash = hostPart.indexOf('/');
        if (slash >= 0) {
            chroot = hostPart.substring(slash);
            hostPart = hostPart.substring(0, slash);
            if (chroot.length() == 1) {
                chroot = null;
            } else {
                PathUtils.validatePath(chroot);
            }
        }
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (String h : hostPart.split(",")) {
            h = h.trim();
            if (h.isEmpty()) {
                continue;
            }
            hosts.add(parseHost(h, connectString));
        }
        return new ConnectString(hosts, chroot);
    }

    private static InetSocketAddress parseHost(String h, String whole) {
        String host = h;
        int port = DEFAULT_PORT;
        int colon = h.lastIndexOf(':');
        boolean bracketedV6 = h.startsWith("[");
        if (colon > 0 && (!bracketedV6 || h.indexOf(']') < colon)) {
            host = h.substring(0, colon);
            try {
                port = Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in connect string \"" + whole + "\": " + h);
            }
        }
        if (bracketedV6) {
            host = host.substring(1, host.length() - 1);
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("bad port in connect string \"" + whole + "\": " + h);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The hosts in a random order, as the official client tries them. */
    public List<InetSocketAddress> shuffled(Random random) {
        List<InetSocketAddress> copy = new ArrayList<>(hosts);
        Collections.shuffle(copy, random);
        return copy;
    }

    /** The server-side path for a client path. */
    public String prependChroot(String clientPath) {
        if (chroot == null) {
            return clientPath;
        }
        return clientPath.equals("/") ? chroot : chroot + clientPath;
    }

    /** The client path for a server-side path; paths outside the chroot come back unchanged. */
    public String stripChroot(String serverPath) {
        if (chroot == null || serverPath == null) {
            return serverPath;
        }
        if (serverPath.equals(chroot)) {
            return "/";
        }
        if (serverPath.startsWith(chroot + "/")) {
            return serverPath.substring(chroot.length());
        }
        return serverPath;
    }
}
