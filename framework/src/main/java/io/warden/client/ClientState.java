package io.warden.client;

/** Life cycle of a {@link ZkClient}. */
public enum ClientState {
    /** Created, start() not called yet. */
    LATENT,
    /** Looking for a server or handshaking. */
    CONNECTING,
    CONNECTED,
    CONNECTED_READ_ONLY,
    /** The server rejected our credentials; the client is shut down. */
    AUTH_FAILED,
    CLOSED;

    public boolean isConnected() {
        return this == CONNECTED || this == CONNECTED_READ_ONLY;
    }

    public boolean isAlive() {
        return this != CLOSED && this != AUTH_FAILED;
    }
}
