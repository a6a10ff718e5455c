package io.warden.framework.state;

import io.warden.framework.CuratorFramework;

/** Told about every {@link ConnectionState} change, on the client's event thread unless given an executor. */
@FunctionalInterface
public interface ConnectionStateListener {
    void stateChanged(CuratorFramework client, ConnectionState newState);
}
