package io.warden.recipes.shared;

import io.warden.framework.listen.Listenable;

/** Read-only view of a {@link SharedValue}. Thread-safe; never blocks. */
public interface SharedValueReader {
    /** The most recently observed value (a copy). */
    byte[] getValue();

    /** The most recently observed value with its version. */
    VersionedValue<byte[]> getVersionedValue();

    Listenable<SharedValueListener> getListenable();
}
