package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.ZooKeeperTestServer;

/** {@link EventsSuite} against Apache ZooKeeper 3.9.3. */
class EventsZooKeeperTest extends EventsSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return ZooKeeperTestServer::start;
    }
}
