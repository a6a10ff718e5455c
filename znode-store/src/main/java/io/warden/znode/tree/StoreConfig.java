package io.warden.znode.tree;

/**
 * Tunables of the store.
 *
 * @param maxDataBytes  data longer than this is refused with BADARGUMENTS (default jute.maxbuffer, 0xfffff)
 * @param checkSessions writes from a session absent from the session table fail with SESSIONEXPIRED
 */
public record StoreConfig(int maxDataBytes, boolean checkSessions) {
    public static final StoreConfig DEFAULT = new StoreConfig(0xfffff, true);
}
