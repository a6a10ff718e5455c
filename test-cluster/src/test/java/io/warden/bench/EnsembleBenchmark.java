package io.warden.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Warden vs Apache ZooKeeper 3.9.3 as 3-node ensembles ({@link EnsembleProcess}: one JVM per member,
 * the same zoo.cfg for both, fsync on), one after the other on this machine, driven by the official
 * ZooKeeper client from this JVM: {@code bench.clients} sessions spread round robin over the members
 * (session i on member i mod n), {@code bench.window} outstanding async requests each, workloads
 * create / setData / getData with a 1 KB payload. Then leader failover ({@link FailoverBenchmark})
 * unless {@code bench.failoverTrials=0}.
 *
 * <p>Every (repetition, workload, system) gets a fresh ensemble; the order of the systems alternates
 * between repetitions. Prints Markdown tables on stdout, progress on stderr. Not a test: run through
 * {@code bin/warden-bench ensemble}.
 */
public final class EnsembleBenchmark {
    private EnsembleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FailoverBenchmark.quietClientLogs();
        BenchSettings settings = BenchSettings.from(System.getProperties());
        EnsembleSettings ensemble = EnsembleSettings.from(System.getProperties());
        BenchReport.header("Warden vs ZooKeeper 3.9.3, " + ensemble.size() + "-node ensembles, official ZooKeeper client",
                settings, ensemble.describe() + "; fsync on (forceSync=yes), one ensemble at a time, sessions spread "
                        + "round robin over the members");
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
                        RunResult r = runOne(kind, workload, settings, ensemble);
                        table.add(r);
                        BenchReport.progress(what, r);
                    } catch (Exception | LinkageError e) {
                        BenchReport.failure(what, e);
                        table.failed(workload.label(), kind.label(), e.toString());
                    }
                }
            }
        }
        System.out.println("### Throughput and latency");
        System.out.println();
        System.out.println(table.render());
        System.out.println("ops/s: median over repetitions (min–max); latency: issue to completion in the client, "
                + "all repetitions merged; server CPU and disk (bytes written to storage, /proc/<pid>/io): all "
                + ensemble.size() + " members summed, per successful op during the measured window.");
        if (ensemble.failoverTrials() > 0) {
            System.out.println();
            System.out.println("### Leader failover");
            System.out.println();
            System.out.println(FailoverBenchmark.run(settings, ensemble).render());
            System.out.println(FailoverBenchmark.legend(ensemble));
        }
    }

    private static RunResult runOne(ServerKind kind, Workload workload, BenchSettings settings,
                                    EnsembleSettings ensemble) throws Exception {
        try (EnsembleProcess servers = EnsembleProcess.start(kind, settings, ensemble)) {
            checkDisk(servers);
            // Set up and verify through the leader: it has applied every write any member acknowledged.
            String leader = servers.member(servers.leader().orElseThrow(
                    () -> new IllegalStateException("no single leader; modes " + servers.modes()))).connectString();
            BenchPaths paths = new BenchPaths("/bench", settings.nodes());
            LoadDriver.Options options = LoadDriver.Options.from(settings);
            BenchSetup.prepare(leader, paths, options.payload(), workload != Workload.CREATE);
            List<String> spread = new ArrayList<>();
            for (int i = 0; i < settings.clients(); i++) {
                spread.add(servers.members().get(i % servers.members().size()).connectString());
            }
            try (Sessions sessions = Sessions.open(ZooKeeperAsyncClient.factory(), spread)) {
                RunResult result = LoadDriver.run(kind.label(), sessions.list(), workload, paths, options, servers);
                BenchSetup.verify(leader, paths, workload, result.ok(), options.payload().length);
                return result;
            }
        }
    }

    /** Warns when fsync would be free, which would make write numbers meaningless. */
    static void checkDisk(EnsembleProcess servers) {
        String type = servers.fileSystemType();
        if (type.equals("tmpfs") || type.equals("ramfs")) {
            System.err.println("WARNING: data directories are on " + type
                    + "; fsync costs nothing there. Use -Dbench.dir=<dir on a real disk>.");
        }
    }
}
