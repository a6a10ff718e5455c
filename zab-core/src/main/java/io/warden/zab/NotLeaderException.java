package io.warden.zab;

/** Thrown by {@link ZabPeer#propose(byte[])} when this peer is not an established leader. */
public final class NotLeaderException extends IllegalStateException {
    private final long leader;

    public NotLeaderException(long leader) {
        super("not the established leader" + (leader >= 0 ? "; leader is " + leader : ""));
        this.leader = leader;
    }

    /** The leader this peer knows of, or -1. */
    public long leader() {
        return leader;
    }
}
