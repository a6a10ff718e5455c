package io.warden.recipes.shared;

import io.warden.framework.state.ConnectionStateListener;

/**
 * Told when a {@link SharedCount} changes, and about every connection state change. Called on the
 * client's event thread unless added with an executor.
 */
public interface SharedCountListener extends ConnectionStateListener {
    void countHasChanged(SharedCountReader sharedCount, int newCount) throws Exception;
}
