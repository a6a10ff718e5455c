package io.warden.framework.imps;

import io.warden.client.SessionEvent;
import io.warden.client.SessionListener;
import io.warden.framework.CuratorFramework;
import io.warden.framework.listen.StandardListenerManager;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Turns the protocol client's session events into {@link ConnectionState}s: first connect CONNECTED,
 * disconnect SUSPENDED, connect again RECONNECTED, expiry (told by a server, or no server for a
 * whole session timeout) LOST. Runs on the event thread; repeated states are not re-posted.
 */
final class ConnectionStateManager implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStateManager.class);

    private final StandardListenerManager<ConnectionStateListener> listeners;
    private final CuratorFramework client;
    private final Consumer<ConnectionState> internalHook;
    private volatile ConnectionState current;
    private boolean everConnected;

    ConnectionStateManager(CuratorFramework client, Executor events, StandardListenerManager.ErrorHandler errors,
                           Consumer<ConnectionState> internalHook) {
        this.client = client;
        this.listeners = new StandardListenerManager<>(events, errors);
        this.internalHook = internalHook;
    }

    StandardListenerManager<ConnectionStateListener> listeners() { return listeners; }

    ConnectionState current() { return current; }

    @Override
    public void onSessionEvent(SessionEvent e) {
        ConnectionState next = switch (e.state()) {
            case SyncConnected -> everConnected ? ConnectionState.RECONNECTED : ConnectionState.CONNECTED;
            case ConnectedReadOnly -> ConnectionState.READ_ONLY;
            case Disconnected -> current != null && current.isConnected() ? ConnectionState.SUSPENDED : null;
            case Expired, AuthFailed -> current == ConnectionState.LOST ? null : ConnectionState.LOST;
            default -> null;
        };
        if (e.state() == io.warden.znode.Watcher.Event.KeeperState.SyncConnected
                || e.state() == io.warden.znode.Watcher.Event.KeeperState.ConnectedReadOnly) {
            everConnected = true;
        }
        if (next != null) {
            post(next);
        }
    }

    private void post(ConnectionState state) {
        current = state;
        LOG.info("connection state changed to {}", state);
        internalHook.accept(state);
        listeners.forEach(l -> l.stateChanged(client, state));
    }
}
