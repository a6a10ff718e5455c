package io.warden.client;

/** Receives {@link SessionEvent}s on the client's event thread, in order with watch events. */
@FunctionalInterface
public interface SessionListener {
    void onSessionEvent(SessionEvent event);
}
