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
 * Reports ops/s, latency, and the client JVM's CPU and heap allocation per op (see {@link Meters}), and
 * the candidate/baseline ratios of the client costs under the main table.
 *
 * <p>Fairness: both sides get the same sessions, window, payload and server, use background
 * operations with one shared callback per session, default builder options (no namespace, protection,
 * parents or compression), so each create, setData and getData is exactly one round trip on both.
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
        List<RunResult> all = new ArrayList<>();
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
                        all.add(r);
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
        System.out.println(clientCostRatios(settings.workloads(), all, curator.label(), warden.label()));
        System.out.println("Allocation: heap bytes allocated by the whole client JVM during the measured window "
                + "(ThreadMXBean#getTotalThreadAllocatedBytes, includes exited threads) per successful op; "
                + "the load driver itself allocates next to nothing per op. CPU: per successful op.");
    }

    /** Client CPU and allocation per op of both libraries side by side, with the ratio of the medians. */
    private static String clientCostRatios(List<Workload> workloads, List<RunResult> runs, String baseline,
                                           String candidate) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| workload | client alloc B/op (%s / %s) | alloc ratio | client CPU µs/op (%s / %s) "
                + "| CPU ratio |%n| --- | --- | --- | --- | --- |%n", baseline, candidate, baseline, candidate));
        for (Workload w : workloads) {
            List<RunResult> b = runs.stream().filter(r -> r.scenario().equals(w.label()) && r.contender().equals(baseline)).toList();
            List<RunResult> c = runs.stream().filter(r -> r.scenario().equals(w.label()) && r.contender().equals(candidate)).toList();
            double ba = ResultTable.median(b, RunResult::allocatedBytesPerOp);
            double ca = ResultTable.median(c, RunResult::allocatedBytesPerOp);
            double bc = ResultTable.median(b, RunResult::clientCpuUsPerOp);
            double cc = ResultTable.median(c, RunResult::clientCpuUsPerOp);
            out.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | %.2f× | %.1f / %.1f | %.2f× |%n",
                    w.label(), ba, ca, ca / ba, bc, cc, cc / bc));
        }
        return out.toString();
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
