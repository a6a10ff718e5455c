package io.warden.recipes.shared;

import io.warden.framework.listen.Listenable;

/** Read-only view of a {@link SharedCount}; listeners are added directly to it. Thread-safe; never blocks. */
public interface SharedCountReader extends Listenable<SharedCountListener> {
    int getCount();

    VersionedValue<Integer> getVersionedValue();
}
