package io.warden.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Warden's framework vs Curator 5.7.1: the same create / setData / getData load (1 KB, background
 * operations with a bounded window per session) through each client library against the same kind
 * of server ({@code -Dbench.server=zookeeper|warden}, default ZooKeeper 3.9.3 so only the client varies).
 * Reports ops/s, latency, and the client JVM's CPU and heap allocation per op (see {@link Meters}).
 *
 * <p>Every (repetition, workload, client) gets a fresh server process; the order of the clients
 * alternates between repetitions. Not a test: run through {@code bin/warden-bench framework}.
 */
public final class FrameworkBenchmark {
    private FrameworkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.from(System.getProperties());
        AsyncClient.Factory curator = CuratorAsyncClient.factory();
        AsyncClient.Factory warden = WardenAsyncClient.factory();
        BenchReport.header("Warden framework vs Curator 5.7.1, background operations", settings,
                "server: " + settings.server().label() + " (one fresh process per run)");
        ResultTable table = new ResultTable("workload", curator.label(), warden.label(), EnumSet.of(
                ResultTable.Extra.CLIENT_CPU, ResultTable.Extra.ALLOCATION, ResultTable.Extra.SERVER_CPU));
        settings.workloads().forEach(w -> table.scenario(w.label()));
        List<AsyncClient.Factory> contenders = List.of(curator, warden);
        for (int rep = 0; rep < settings.reps(); rep++) {
            for (Workload workload : settings.workloads()) {
                List<AsyncClient.Factory> order = new ArrayList<>(contenders);
                if (rep % 2 == 1) {
                    Collections.reverse(order);
                }
                for (AsyncClient.Factory client : order) {
                    String what = String.format(Locale.ROOT, "rep %d %s %s", rep + 1, workload.label(), client.label());
                    try {
                        RunResult r = runOne(client, workload, settings);
                        table.add(r);
                        BenchReport.progress(what, r);
                    } catch (Exception | LinkageError e) {
                        // LinkageError: a side's code is not (fully) built; report it, run the rest.
                        BenchReport.failure(what, e);
                        table.failed(workload.label(), client.label(), e.toString());
                    }
                }
            }
        }
        System.out.println(table.render());
        System.out.println("Allocation: heap bytes allocated by the whole client JVM during the measured window "
                + "(ThreadMXBean#getTotalThreadAllocatedBytes, includes exited threads) per successful op; "
                + "the load driver itself allocates next to nothing per op. CPU: per successful op.");
    }

    private static RunResult runOne(AsyncClient.Factory client, Workload workload, BenchSettings settings)
            throws Exception {
        try (ServerProcess server = ServerProcess.start(settings.server(), settings)) {
            BenchReport.checkDisk(server);
            BenchPaths paths = new BenchPaths("/bench", settings.nodes());
            LoadDriver.Options options = LoadDriver.Options.from(settings);
            BenchSetup.prepare(server.connectString(), paths, options.payload(), workload != Workload.CREATE);
            try (Sessions sessions = Sessions.open(client, server.connectString(), settings.clients())) {
                RunResult result = LoadDriver.run(client.label(), sessions.list(), workload, paths, options,
                        server);
                BenchSetup.verify(server.connectString(), paths, workload, result.ok(), options.payload().length);
                return result;
            }
        }
    }
}
