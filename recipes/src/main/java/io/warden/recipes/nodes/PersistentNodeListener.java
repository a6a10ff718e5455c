package io.warden.recipes.nodes;

/**
 * Told about a {@link PersistentNode}'s node, on the client's event thread unless added with an
 * executor.
 */
public interface PersistentNodeListener {
    /** The node was created (first time, or again after it was deleted or its session lost). */
    void nodeCreated(String path) throws Exception;

    /**
     * The node was found missing (someone deleted it, or the session that owned the ephemeral
     * expired); it is being re-created. Warden extension: session loss is reported, not silent.
     */
    default void nodeDeleted(String path) throws Exception {
    }
}
