package io.warden.framework;

import io.warden.framework.testing.TestServer;
import io.warden.framework.testing.WardenTestServer;

/** {@link EventsSuite} against a Warden server. */
class EventsWardenTest extends EventsSuite {
    @Override
    protected TestServer.Factory serverFactory() {
        return WardenTestServer::start;
    }
}
