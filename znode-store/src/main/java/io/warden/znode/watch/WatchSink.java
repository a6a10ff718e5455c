package io.warden.znode.watch;

import io.warden.znode.acl.AuthInfo;

/**
 * The watching side of one client connection, as the tree sees it. Watches are keyed by sink
 * identity (use the default {@code equals}/{@code hashCode}). Called only from the tree's serial
 * thread; implementations must not block.
 */
public interface WatchSink {
    /** The connection's session id (for wchc / wchp listings). */
    long sessionId();

    /** The connection's current auth ids; events are delivered only if they grant READ on the node. */
    AuthInfo authInfo();
}
