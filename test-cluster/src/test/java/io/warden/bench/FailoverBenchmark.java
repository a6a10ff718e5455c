package io.warden.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Failover time of a Warden ensemble vs an Apache ZooKeeper 3.9.3 ensemble, one after the other on
 * this machine ({@link EnsembleProcess}): under a steady write load ({@link FailoverLoad}), SIGKILL
 * the leader (found with {@code srvr}), measure the time from the kill to the first acknowledged
 * write issued after it, restart the killed member, wait until the ensemble is whole, repeat.
 * Also reported: until a survivor's {@code srvr} says leader, and until every writing session has
 * written again. Not a test; run through {@code bin/warden-bench failover} (or as part of
 * {@code bin/warden-bench ensemble}).
 */
public final class FailoverBenchmark {
    private static final Duration WHOLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        quietClientLogs();
        BenchSettings settings = BenchSettings.from(System.getProperties());
        EnsembleSettings ensemble = EnsembleSettings.from(System.getProperties());
        BenchReport.header("Warden vs ZooKeeper 3.9.3, leader failover in 3-node ensembles", settings,
                ensemble.describe());
        System.out.println(run(settings, ensemble).render());
        System.out.println(legend(ensemble));
    }

    /**
     * Every kill makes each ZooKeeper client log a WARN with a stack trace per lost connection; the
     * trial lines say what happened. Call first in {@code main}, before any client class logs.
     */
    static void quietClientLogs() {
        String key = "org.slf4j.simpleLogger.log.org.apache.zookeeper.ClientCnxn";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    static String legend(EnsembleSettings ensemble) {
        return "Each trial: steady load, kill -9 the leader, time from the kill to the first acknowledged setData "
                + "issued after it (any session; such a write needs a new leader), to a survivor's srvr saying "
                + "leader, and to every session having written again; then the killed member restarts and the "
                + "ensemble is whole again before the next trial. median / p90 (nearest rank) / max over "
                + ensemble.failoverTrials() + " trial(s). Sessions use the official ZooKeeper client (reconnects "
                + "after a random 0–1 s pause); an expired session is replaced by a new one and counted.";
    }

    /** Runs every server kind's trials, one ensemble at a time. */
    static FailoverTable run(BenchSettings settings, EnsembleSettings ensemble) throws InterruptedException {
        FailoverTable table = new FailoverTable(ServerKind.ZOOKEEPER.label(), ServerKind.WARDEN.label());
        for (ServerKind kind : settings.servers()) {
            try {
                runKind(kind, settings, ensemble, table);
            } catch (Exception | LinkageError e) {
                BenchReport.failure("failover " + kind.label(), e);
                table.failed(kind.label(), e.toString());
            }
        }
        return table;
    }

    private static void runKind(ServerKind kind, BenchSettings settings, EnsembleSettings ensemble, FailoverTable table)
            throws Exception {
        try (EnsembleProcess servers = EnsembleProcess.start(kind, settings, ensemble)) {
            EnsembleBenchmark.checkDisk(servers);
            String setup = servers.member(awaitLeader(servers)).connectString();
            try (FailoverLoad load = FailoverLoad.start(servers, setup, ensemble, settings.payloadBytes())) {
                for (int i = 1; i <= ensemble.failoverTrials(); i++) {
                    FailoverTrial t = trial(i, servers, load, ensemble);
                    table.add(kind.label(), t);
                    System.err.printf(Locale.ROOT, "  failover %-9s trial %2d killed server.%d: new leader %s ms, "
                                    + "first write %s ms, all sessions %s ms, %d ok, %d failed, %d expired, %d recycled%n",
                            kind.label(), i, t.killed(), ms(t.newLeaderMs()), ms(t.firstWriteMs()),
                            ms(t.allSessionsMs()), t.ok(), t.failedOps(), t.expiredSessions(), t.recycledSessions());
                }
            }
        }
    }

    private static FailoverTrial trial(int n, EnsembleProcess servers, FailoverLoad load, EnsembleSettings settings)
            throws IOException, InterruptedException {
        load.awaitFlowing(settings.failoverTimeout());
        TimeUnit.NANOSECONDS.sleep(settings.settle().toNanos()); // steady load before the kill, not synchronisation
        int leader = awaitLeader(servers);
        long ok0 = load.ok();
        long failed0 = load.failed();
        int expired0 = load.expiredSessions();
        int recycled0 = load.recycledSessions();
        load.armFloor(System.nanoTime());
        long kill = servers.kill9(leader);
        load.mark(kill);
        double newLeaderMs = Double.NaN;
        long deadline = kill + settings.failoverTimeout().toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (Double.isNaN(newLeaderMs) && servers.leader().isPresent()) {
                newLeaderMs = (System.nanoTime() - kill) / 1e6;
            }
            if (!Double.isNaN(newLeaderMs) && load.allResumed().isPresent()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(10); // polling with a deadline
        }
        double first = since(kill, load.firstAck());
        double all = since(kill, load.allResumed());
        load.disarm();
        FailoverTrial t = new FailoverTrial(n, leader, newLeaderMs, first, all, load.failed() - failed0,
                load.expiredSessions() - expired0, load.recycledSessions() - recycled0, load.ok() - ok0);
        servers.restart(leader);
        servers.awaitWhole(WHOLE_TIMEOUT);
        return t;
    }

    private static int awaitLeader(EnsembleProcess servers) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (true) {
            Optional<Integer> leader = servers.leader();
            if (leader.isPresent()) {
                return leader.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(servers.kind().label() + ": no single leader within " + LEADER_TIMEOUT
                        + "; modes " + servers.modes());
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling with a deadline
        }
    }

    private static double since(long kill, OptionalLong t) {
        return t.isPresent() ? (t.getAsLong() - kill) / 1e6 : Double.NaN;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
