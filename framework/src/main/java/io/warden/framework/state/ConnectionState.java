package io.warden.framework.state;

/** The framework's view of the connection, as Curator reports it. */
public enum ConnectionState {
    /** First successful connection of this client. */
    CONNECTED,
    /** The connection was lost; the session may still be alive. */
    SUSPENDED,
    /** Connected again after SUSPENDED or LOST (after LOST it is a new session). */
    RECONNECTED,
    /** The session expired, or no server was reachable for a whole session timeout. */
    LOST,
    /** Connected to a read-only server (only with canBeReadOnly). */
    READ_ONLY;

    public boolean isConnected() {
        return this == CONNECTED || this == RECONNECTED || this == READ_ONLY;
    }
}
