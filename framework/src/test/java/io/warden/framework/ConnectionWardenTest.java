package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.WardenTestServer;

/** {@link ConnectionSuite} against a Warden server. */
class ConnectionWardenTest extends ConnectionSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return WardenTestServer::start;
    }
}
