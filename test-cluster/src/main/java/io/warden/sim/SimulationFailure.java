package io.warden.sim;

/** A simulation run failed; carries the seed that replays it exactly and the tail of the trace. */
public final class SimulationFailure extends AssertionError {
    private final long seed;

    SimulationFailure(long seed, String trace, Throwable cause) {
        super("simulation seed " + seed + " failed: " + cause + "\nreplay: Simulation.runSeed(" + seed + "L)\n"
                + "last events:\n" + trace, cause);
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }
}
