package io.warden.recipes.locks;

import java.util.concurrent.Executor;

/** A lock whose holder can be asked to release it (see {@link Revoker}). */
public interface Revocable<T> {
    /** Must be called before acquiring. The listener runs on the client's event thread. */
    void makeRevocable(RevocationListener<T> listener);

    /** As above, with the listener run on {@code executor}. */
    void makeRevocable(RevocationListener<T> listener, Executor executor);
}
