package io.warden.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Lock handoffs per second: K = {@code bench.lockClients} (default 1, 4, 16) contenders, one session
 * each, on one InterProcessMutex path with zero hold time, Warden recipes vs Curator 5.7.1 recipes,
 * against the same kind of server ({@code -Dbench.server}, default ZooKeeper 3.9.3).
 *
 * <p>Every (repetition, K, library) gets a fresh server process; the order of the libraries alternates
 * between repetitions. Not a test: run through {@code bin/warden-bench lock}.
 */
public final class LockBenchmark {
    private LockBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.from(System.getProperties());
        LockClient.Factory curator = CuratorLockClient.factory();
        LockClient.Factory warden = WardenLockClient.factory();
        BenchReport.header("Warden InterProcessMutex vs Curator 5.7.1 InterProcessMutex, lock handoffs", settings,
                "server: " + settings.server().label() + " (one fresh process per run); K contenders "
                        + settings.lockContenders() + ", zero hold time (bench.clients/window do not apply)");
        ResultTable table = new ResultTable("contenders", curator.label(), warden.label(), EnumSet.of(
                ResultTable.Extra.VIOLATIONS, ResultTable.Extra.SERVER_CPU, ResultTable.Extra.ALLOCATION));
        settings.lockContenders().forEach(k -> table.scenario(scenario(k)));
        List<LockClient.Factory> libraries = List.of(curator, warden);
        for (int rep = 0; rep < settings.reps(); rep++) {
            for (int k : settings.lockContenders()) {
                List<LockClient.Factory> order = new ArrayList<>(libraries);
                if (rep % 2 == 1) {
                    Collections.reverse(order);
                }
                for (LockClient.Factory library : order) {
                    String what = String.format(Locale.ROOT, "rep %d %s %s", rep + 1, scenario(k), library.label());
                    try {
                        RunResult r = runOne(library, k, settings);
                        table.add(r);
                        BenchReport.progress(what, r);
                    } catch (Exception | LinkageError e) {
                        // LinkageError: a side's code is not (fully) built; report it, run the rest.
                        BenchReport.failure(what, e);
                        table.failed(scenario(k), library.label(), e.toString());
                    }
                }
            }
        }
        System.out.println(table.render());
        System.out.println("ops/s = handoffs (acquire + release) per second; latency = time in acquire; "
                + "errors = acquire timeouts (5 s) or exceptions; violations = times two holders overlapped (must be 0).");
    }

    private static String scenario(int k) {
        return "K=" + k;
    }

    private static RunResult runOne(LockClient.Factory library, int k, BenchSettings settings) throws Exception {
        try (ServerProcess server = ServerProcess.start(settings.server(), settings)) {
            BenchReport.checkDisk(server);
            List<LockClient> locks = new ArrayList<>();
            try {
                for (int i = 0; i < k; i++) {
                    locks.add(library.open(server.connectString(), "/bench/locks/mutex"));
                }
                return LockLoad.run(library.label(), scenario(k), locks, settings.warmup(), settings.measure(),
                        server);
            } finally {
                for (LockClient lock : locks) {
                    try {
                        lock.close();
                    } catch (Exception e) {
                        System.err.println("warning: closing a lock session failed: " + e);
                    }
                }
            }
        }
    }
}
