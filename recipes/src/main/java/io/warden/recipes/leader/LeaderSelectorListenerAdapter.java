package io.warden.recipes.leader;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;

/** A listener that cancels leadership (interrupting takeLeadership) on SUSPENDED or LOST. */
public abstract class LeaderSelectorListenerAdapter implements LeaderSelectorListener {
    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        if (client.getConnectionStateErrorPolicy().isErrorState(newState)) {
            throw new CancelLeadershipException("connection " + newState);
        }
    }
}
