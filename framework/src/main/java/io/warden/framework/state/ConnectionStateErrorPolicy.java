package io.warden.framework.state;

/** Which connection states recipes must treat as "we may have lost what we hold". */
public interface ConnectionStateErrorPolicy {
    boolean isErrorState(ConnectionState state);
}
