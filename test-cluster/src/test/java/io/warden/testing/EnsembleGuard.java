package io.warden.testing;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits for the servers of a test to form an ensemble (one leader, the rest following), or fails. */
final class EnsembleGuard {
    static final Duration FORM = Duration.ofSeconds(30);

    private EnsembleGuard() {
    }

    static void awaitEnsemble(Ensemble cluster) {
        assertTrue(cluster.awaitEnsemble(FORM), "no ensemble formed within " + FORM + "; modes " + cluster.modes());
    }
}
