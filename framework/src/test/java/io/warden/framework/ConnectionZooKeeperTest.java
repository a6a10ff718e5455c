package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.ZooKeeperTestServer;

/** {@link ConnectionSuite} against Apache ZooKeeper 3.9.3. */
class ConnectionZooKeeperTest extends ConnectionSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return ZooKeeperTestServer::start;
    }
}
