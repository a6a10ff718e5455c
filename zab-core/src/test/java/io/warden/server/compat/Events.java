package io.warden.server.compat;

import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Watcher that records what it is told: node events in one queue, connection-state changes in another.
 * Called on the client's event thread; read from the test thread.
 */
final class Events implements Watcher {
    private final BlockingQueue<WatchedEvent> nodeEvents = new LinkedBlockingQueue<>();
    private final BlockingQueue<KeeperState> states = new LinkedBlockingQueue<>();
    private final List<KeeperState> stateHistory = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() == EventType.None) {
            states.add(event.getState());
            stateHistory.add(event.getState());
        } else {
            nodeEvents.add(event);
        }
    }

    /** The next node event, failing if none arrives within 10 s. */
    WatchedEvent next() throws InterruptedException {
        WatchedEvent e = nodeEvents.poll(Poll.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            fail("no watch event within " + Poll.DEFAULT.toMillis() + " ms");
        }
        return e;
    }

    /** Asserts the next node event has this type and path. */
    WatchedEvent expect(EventType type, String path) throws InterruptedException {
        WatchedEvent e = next();
        assertEquals(type + " " + path, e.getType() + " " + e.getPath(), "unexpected watch event " + e);
        return e;
    }

    /** Node events received so far and not yet taken (does not wait). */
    List<WatchedEvent> drain() {
        List<WatchedEvent> out = new ArrayList<>();
        nodeEvents.drainTo(out);
        return out;
    }

    /** Takes node events until one on {@code markerPath} arrives; returns those before it. */
    List<WatchedEvent> takeUntilMarker(String markerPath) throws InterruptedException {
        List<WatchedEvent> before = new ArrayList<>();
        while (true) {
            WatchedEvent e = next();
            if (markerPath.equals(e.getPath())) {
                return before;
            }
            before.add(e);
        }
    }

    /** Waits (10 s) until the connection state {@code wanted} is reported, skipping others. */
    void awaitState(KeeperState wanted) throws InterruptedException {
        awaitState(wanted, Poll.DEFAULT);
    }

    void awaitState(KeeperState wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            KeeperState s = left > 0 ? states.poll(left, TimeUnit.NANOSECONDS) : null;
            if (s == null) {
                fail("connection state " + wanted + " not reported within " + timeout.toMillis()
                        + " ms; history " + stateHistory);
            }
            if (s == wanted) {
                return;
            }
        }
    }

    /** Every connection state reported since creation, in order. */
    List<KeeperState> stateHistory() {
        return List.copyOf(stateHistory);
    }
}
