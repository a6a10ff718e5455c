package io.warden.sim;

/** A safety or liveness property of ZAB failed in a simulation run. */
public final class InvariantViolation extends AssertionError {
    public InvariantViolation(String message) {
        super(message);
    }
}
