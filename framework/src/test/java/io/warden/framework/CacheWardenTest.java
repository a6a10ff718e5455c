package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.WardenTestServer;

/** {@link CacheSuite} against a Warden server. */
class CacheWardenTest extends CacheSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return WardenTestServer::start;
    }
}
