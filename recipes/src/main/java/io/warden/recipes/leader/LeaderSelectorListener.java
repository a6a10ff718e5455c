package io.warden.recipes.leader;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionStateListener;

/**
 * Runs while its selector leads. {@link #stateChanged} should throw {@link CancelLeadershipException}
 * on SUSPENDED/LOST (see {@link LeaderSelectorListenerAdapter}) so that leadership is given up.
 */
public interface LeaderSelectorListener extends ConnectionStateListener {
    /**
     * Called on the selector's executor when this instance becomes leader; leadership lasts until it
     * returns or throws. Must respond to interruption (that is how leadership is cancelled).
     */
    void takeLeadership(CuratorFramework client) throws Exception;
}
