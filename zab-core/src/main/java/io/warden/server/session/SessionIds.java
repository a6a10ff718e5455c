package io.warden.server.session;

import java.security.SecureRandom;

/**
 * Session ids as ZooKeeper lays them out ({@code serverId << 56 | time bits}, then +1 per session), so
 * tools that print the owning server of a session keep working; and random 16-byte passwords.
 * Not thread-safe; owned by the pipeline thread.
 */
public final class SessionIds {
    private final SecureRandom random = new SecureRandom();
    private long next;

    public SessionIds(long serverId, long nowMs) {
        next = (serverId << 56) | ((nowMs << 24) >>> 8);
    }

    public long nextId() {
        return next++;
    }

    public byte[] newPassword() {
        byte[] p = new byte[16];
        random.nextBytes(p);
        return p;
    }
}
