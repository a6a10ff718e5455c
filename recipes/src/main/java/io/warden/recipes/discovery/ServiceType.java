package io.warden.recipes.discovery;

/**
 * How a registered instance lives in the tree. DYNAMIC instances are ephemeral znodes (gone with the
 * session, re-created by {@link ServiceDiscovery} on a new session); STATIC and PERMANENT are
 * persistent znodes; PERMANENT ones are also left in place when the discovery instance closes.
 */
public enum ServiceType {
    DYNAMIC,
    STATIC,
    PERMANENT,
    DYNAMIC_SEQUENTIAL;

    /** True for the ephemeral kinds. */
    public boolean isDynamic() {
        return this == DYNAMIC || this == DYNAMIC_SEQUENTIAL;
    }
}
