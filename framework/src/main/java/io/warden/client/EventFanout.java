package io.warden.client;

import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher;
import io.warden.znode.Watcher.Event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands watch and session events to the event thread: one task per event, each watcher called once,
 * a watcher that throws is logged and does not stop the others. Called on the I/O thread, in order.
 */
final class EventFanout {
    private static final Logger LOG = LoggerFactory.getLogger(EventFanout.class);

    private final EventDispatcher events;
    private final ClientWatchManager watches;
    private final Watcher defaultWatcher;
    private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();

    EventFanout(EventDispatcher events, ClientWatchManager watches, Watcher defaultWatcher) {
        this.events = events;
        this.watches = watches;
        this.defaultWatcher = defaultWatcher;
    }

    void addSessionListener(SessionListener l) { sessionListeners.add(l); }

    void removeSessionListener(SessionListener l) { sessionListeners.remove(l); }

    void deliver(WatchedEvent event, Iterable<Watcher> targets) {
        events.execute(() -> {
            for (Watcher w : targets) {
                try {
                    w.process(event);
                } catch (RuntimeException e) {
                    LOG.error("watcher failed on {}", event, e);
                }
            }
        });
    }

    /** A session change: to the session listeners and default watcher, then (as a None event) to every watcher. */
    void sessionChanged(SessionEvent se) {
        WatchedEvent we = new WatchedEvent(EventType.None, se.state(), null);
        Set<Watcher> targets = watches.all();
        events.execute(() -> {
            for (SessionListener l : sessionListeners) {
                try {
                    l.onSessionEvent(se);
                } catch (RuntimeException e) {
                    LOG.error("session listener failed on {}", se, e);
                }
            }
            if (defaultWatcher != null) {
                defaultWatcher.process(we);
            }
        });
        if (!targets.isEmpty()) {
            deliver(we, targets);
        }
    }
}
