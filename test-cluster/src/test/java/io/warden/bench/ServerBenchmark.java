package io.warden.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Warden standalone vs Apache ZooKeeper 3.9.3 standalone, each in its own JVM process on this machine
 * with fsync on and a fresh data directory, both driven by the same official ZooKeeper Java client
 * from this JVM: {@code bench.clients} sessions with {@code bench.window} outstanding async requests
 * each, workloads create / setData / getData with a 1 KB payload.
 *
 * <p>Every (repetition, workload, server) gets a fresh server process; only one server runs at a
 * time, and the order of the servers alternates between repetitions. Prints a Markdown table on
 * stdout, progress on stderr. Not a test: run through {@code bin/warden-bench server}.
 */
public final class ServerBenchmark {
    private ServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.from(System.getProperties());
        BenchReport.header("Warden vs ZooKeeper 3.9.3, standalone server, official ZooKeeper client", settings,
                "servers: " + settings.servers() + ", fsync on (forceSync=yes), one server process at a time");
        ResultTable table = new ResultTable("workload", ServerKind.ZOOKEEPER.label(), ServerKind.WARDEN.label(),
                EnumSet.of(ResultTable.Extra.SERVER_CPU, ResultTable.Extra.SERVER_DISK,
                        ResultTable.Extra.CLIENT_CPU));
        settings.workloads().forEach(w -> table.scenario(w.label()));
        for (int rep = 0; rep < settings.reps(); rep++) {
            for (Workload workload : settings.workloads()) {
                List<ServerKind> order = new ArrayList<>(settings.servers());
                if (rep % 2 == 1) {
                    Collections.reverse(order);
                }
                for (ServerKind kind : order) {
                    String what = String.format(Locale.ROOT, "rep %d %s %s", rep + 1, workload.label(), kind.label());
                    try {
                        RunResult r = runOne(kind, workload, settings);
                        table.add(r);
                        BenchReport.progress(what, r);
                    } catch (Exception | LinkageError e) {
                        // LinkageError: a side's code is not (fully) built; report it, run the rest.
                        BenchReport.failure(what, e);
                        table.failed(workload.label(), kind.label(), e.toString());
                    }
                }
            }
        }
        System.out.println(table.render());
        System.out.println("ops/s: median over repetitions (min–max); latency: issue to completion in the client, "
                + "all repetitions merged; CPU and disk (bytes written to storage, /proc/<pid>/io): per successful op "
                + "during the measured window.");
    }

    private static RunResult runOne(ServerKind kind, Workload workload, BenchSettings settings) throws Exception {
        try (ServerProcess server = ServerProcess.start(kind, settings)) {
            BenchReport.checkDisk(server);
            BenchPaths paths = new BenchPaths("/bench", settings.nodes());
            LoadDriver.Options options = LoadDriver.Options.from(settings);
            BenchSetup.prepare(server.connectString(), paths, options.payload(), workload != Workload.CREATE);
            try (Sessions sessions = Sessions.open(ZooKeeperAsyncClient.factory(), server.connectString(),
                    settings.clients())) {
                RunResult result = LoadDriver.run(kind.label(), sessions.list(), workload, paths, options,
                        server);
                BenchSetup.verify(server.connectString(), paths, workload, result.ok(), options.payload().length);
                return result;
            }
        }
    }
}
