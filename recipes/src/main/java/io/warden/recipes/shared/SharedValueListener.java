package io.warden.recipes.shared;

import io.warden.framework.state.ConnectionStateListener;

/**
 * Told when a {@link SharedValue} changes, and (as a {@link ConnectionStateListener}) about every
 * connection state change, so session loss is never silent. Called on the client's event thread
 * unless added with an executor.
 */
public interface SharedValueListener extends ConnectionStateListener {
    /** The value observed by this instance changed (by anyone, including this instance). */
    void valueHasChanged(SharedValueReader sharedValue, byte[] newValue) throws Exception;
}
