package io.warden.client;

import io.warden.znode.Watcher.Event.KeeperState;

/**
 * A change of the connection or session. {@code newSession} is true on the first SyncConnected
 * of a session (the very first one, or the one after an expiry).
 *
 * @param state      SyncConnected, ConnectedReadOnly, Disconnected, Expired, AuthFailed or Closed
 * @param sessionId  the session the event is about
 * @param newSession whether a connected event started a fresh session
 * @param negotiatedTimeoutMs the session timeout granted by the server (0 when unknown)
 */
public record SessionEvent(KeeperState state, long sessionId, boolean newSession, int negotiatedTimeoutMs) {}
