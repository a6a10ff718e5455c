package io.warden.testing;

import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test when the servers do not form an ensemble (a build whose server runs only standalone). */
final class EnsembleGuard {
    static final Duration FORM = Duration.ofSeconds(30);

    private EnsembleGuard() {
    }

    static void assumeEnsemble(Ensemble cluster) {
        boolean decided = EnsembleLayout.poll(FORM,
                () -> cluster.modes().containsValue("standalone") || cluster.awaitEnsemble(Duration.ZERO));
        assumeTrue(decided && !cluster.modes().containsValue("standalone"),
                "no ensemble formed within " + FORM + "; modes " + cluster.modes());
    }
}
