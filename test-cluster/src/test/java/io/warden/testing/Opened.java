package io.warden.testing;

import org.apache.zookeeper.ZooKeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What one test opened (clusters, clients), closed in reverse order when the test ends. */
final class Opened implements AutoCloseable {
    private final List<AutoCloseable> all = new ArrayList<>();

    <T extends AutoCloseable> T track(T c) {
        all.add(c);
        return c;
    }

    /** A connected official ZooKeeper client, closed with the rest. */
    ZooKeeper client(String connectString, Duration timeout) throws Exception {
        ZooKeeper zk = Zk.connect(connectString, timeout);
        all.add(zk::close);
        return zk;
    }

    @Override
    public void close() throws Exception {
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
        all.clear();
    }
}
