package io.warden.framework.state;

/** SUSPENDED and LOST are errors: the cautious default. */
public class StandardConnectionStateErrorPolicy implements ConnectionStateErrorPolicy {
    @Override
    public boolean isErrorState(ConnectionState state) {
        return state == ConnectionState.SUSPENDED || state == ConnectionState.LOST;
    }
}
