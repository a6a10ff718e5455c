package io.warden.znode.txn;

/**
 * The raw ephemeralOwner word of a node. Besides 0 (persistent) and a session id (ephemeral), two
 * markers are used and never exposed in a Stat: containers ({@link #CONTAINER}) and TTL nodes
 * (top byte 0xFF, bits 40..55 zero, the TTL in the low 40 bits).
 */
public final class EphemeralOwner {
    private EphemeralOwner() {}

    public static final long CONTAINER = Long.MIN_VALUE;
    public static final long MAX_TTL = 0xFF_FFFF_FFFFL;
    private static final long TTL_MARK = 0xFF00_0000_0000_0000L;

    public static long ttl(long ttlMs) {
        if (ttlMs < 1 || ttlMs > MAX_TTL) {
            throw new IllegalArgumentException("ttl out of range: " + ttlMs);
        }
        return TTL_MARK | ttlMs;
    }

    public static boolean isContainer(long owner) { return owner == CONTAINER; }

    public static boolean isTtl(long owner) { return (owner & 0xFFFF_FF00_0000_0000L) == TTL_MARK; }

    /** The TTL in ms of a TTL owner word. */
    public static long ttlOf(long owner) { return owner & MAX_TTL; }

    /** True for a session-owned ephemeral (not persistent, container or TTL). */
    public static boolean isSession(long owner) { return owner != 0 && owner != CONTAINER && !isTtl(owner); }

    /** The ephemeralOwner a client sees in a Stat: the session id, else 0. */
    public static long exposed(long owner) { return isSession(owner) ? owner : 0; }
}
