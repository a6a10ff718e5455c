package io.warden.recipes.leader;

/** Thrown from a LeaderSelectorListener's stateChanged to make the selector interrupt takeLeadership. */
public class CancelLeadershipException extends RuntimeException {
    public CancelLeadershipException() {}

    public CancelLeadershipException(String message) {
        super(message);
    }

    public CancelLeadershipException(String message, Throwable cause) {
        super(message, cause);
    }
}
