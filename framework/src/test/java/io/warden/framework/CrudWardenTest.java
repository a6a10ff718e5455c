package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.WardenTestServer;

/** {@link CrudSuite} against a Warden server. */
class CrudWardenTest extends CrudSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return WardenTestServer::start;
    }
}
