package io.warden.framework.state;

/** Only LOST is an error: recipes keep what they hold while SUSPENDED. */
public class SessionConnectionStateErrorPolicy implements ConnectionStateErrorPolicy {
    @Override
    public boolean isErrorState(ConnectionState state) {
        return state == ConnectionState.LOST;
    }
}
