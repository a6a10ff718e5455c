package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.ZooKeeperTestServer;

/** {@link CacheSuite} against Apache ZooKeeper 3.9.3. */
class CacheZooKeeperTest extends CacheSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return ZooKeeperTestServer::start;
    }
}
