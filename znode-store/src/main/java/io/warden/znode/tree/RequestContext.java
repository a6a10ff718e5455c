package io.warden.znode.tree;

import io.warden.znode.acl.AuthInfo;
import io.warden.znode.watch.WatchSink;

/**
 * Who sends a request: the session, the request's xid (cxid), the connection's auth ids, the
 * connection's watch sink (null: no watches can be armed, e.g. internal requests) and the time.
 */
public record RequestContext(long sessionId, int cxid, AuthInfo auth, WatchSink sink, long timeMs) {
    public RequestContext {
        if (auth == null) {
            auth = AuthInfo.NONE;
        }
    }

    /** The reaper's context: session 0, no auth, no watches. */
    public static RequestContext internal(long timeMs) {
        return new RequestContext(0, 0, AuthInfo.NONE, null, timeMs);
    }
}
