package io.warden.server.pipeline;

import io.warden.server.net.ClientConnection;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.watch.WatchSink;

/**
 * A client connection as the store's watch tables see it: keyed by identity, carrying the session
 * and the connection's current auth ids. Pipeline thread only.
 */
final class ConnectionWatchSink implements WatchSink {
    private final ClientConnection connection;
    private AuthInfo auth;

    ConnectionWatchSink(ClientConnection connection, AuthInfo auth) {
        this.connection = connection;
        this.auth = auth;
    }

    ClientConnection connection() {
        return connection;
    }

    void auth(AuthInfo auth) {
        this.auth = auth;
    }

    @Override
    public long sessionId() {
        return connection.sessionId();
    }

    @Override
    public AuthInfo authInfo() {
        return auth;
    }
}
