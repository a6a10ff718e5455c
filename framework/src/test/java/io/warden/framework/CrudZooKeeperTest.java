package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.ZooKeeperTestServer;

/** {@link CrudSuite} against Apache ZooKeeper 3.9.3. */
class CrudZooKeeperTest extends CrudSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return ZooKeeperTestServer::start;
    }
}
