package io.warden.server.ensemble;

import org.apache.zookeeper.client.HostProvider;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * A ZooKeeper client host list tried in the given order (the stock one shuffles), so a test knows
 * which server a client connects to first and where it goes next. Client threads only call it.
 */
final class OrderedHosts implements HostProvider {
    private final List<InetSocketAddress> hosts;
    private int next;

    OrderedHosts(List<InetSocketAddress> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    @Override
    public int size() {
        return hosts.size();
    }

    @Override
    public synchronized InetSocketAddress next(long spinDelay) {
        InetSocketAddress a = hosts.get(next);
        next = (next + 1) % hosts.size();
        return a;
    }

    @Override
    public void onConnected() {
    }

    @Override
    public boolean updateServerList(Collection<InetSocketAddress> serverAddresses, InetSocketAddress current) {
        return false;
    }
}
