package io.warden.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The steady write load a failover trial runs under: {@code failoverClients} {@link FailoverWriter}s,
 * each on its own node {@code /failover/w-<i>}, their connect strings listing every member starting
 * at a different one. Sums the writers' views for a trial.
 *
 * <p>Not thread-safe; owned by the benchmark's main thread (the writers run on their own).
 */
final class FailoverLoad implements AutoCloseable {
    private final List<FailoverWriter> writers;

    private FailoverLoad(List<FailoverWriter> writers) {
        this.writers = writers;
    }

    /** Creates the nodes through {@code setupConnectString} and starts the writers. Blocks while connecting. */
    static FailoverLoad start(EnsembleProcess ensemble, String setupConnectString, EnsembleSettings settings,
                              int payloadBytes) throws Exception {
        createNodes(setupConnectString, settings.failoverClients());
        List<FailoverWriter> writers = new ArrayList<>();
        FailoverLoad load = new FailoverLoad(writers);
        try {
            for (int i = 0; i < settings.failoverClients(); i++) {
                writers.add(new FailoverWriter("bench-failover-" + i, ensemble.connectString(i), node(i),
                        new byte[payloadBytes], settings.failoverWindow()));
            }
        } catch (Exception | Error e) {
            load.close();
            throw e;
        }
        return load;
    }

    private static String node(int i) {
        return "/failover/w-" + i;
    }

    private static void createNodes(String connectString, int n) throws IOException, InterruptedException {
        ZooKeeper zk = ZooKeeperAsyncClient.connect(connectString);
        try {
            for (String path : nodes(n)) {
                try {
                    zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    // there from an earlier run
                }
            }
        } catch (KeeperException e) {
            throw new IOException("failover setup: " + e.getMessage(), e);
        } finally {
            zk.close(5_000);
        }
    }

    private static List<String> nodes(int n) {
        List<String> out = new ArrayList<>(List.of("/failover"));
        for (int i = 0; i < n; i++) {
            out.add(node(i));
        }
        return out;
    }

    /**
     * Blocks until every writer has had a write acknowledged after this call began. A writer still
     * silent after half of {@code timeout} gets a new session.
     *
     * @throws IOException naming the silent writers after {@code timeout}
     */
    void awaitFlowing(Duration timeout) throws IOException, InterruptedException {
        long since = System.nanoTime();
        long half = since + timeout.toNanos() / 2;
        long deadline = since + timeout.toNanos();
        boolean recycled = false;
        while (true) {
            List<Integer> silent = silent(since);
            if (silent.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (!recycled && now - half > 0) {
                silent.forEach(i -> writers.get(i).recycle());
                recycled = true;
            }
            if (now - deadline > 0) {
                throw new IOException("writers " + silent + " had no write acknowledged within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(10); // polling with a deadline
        }
    }

    private List<Integer> silent(long since) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            if (!writers.get(i).ackedSince(since)) {
                out.add(i);
            }
        }
        return out;
    }

    void armFloor(long floorNanos) {
        writers.forEach(w -> w.armFloor(floorNanos));
    }

    void mark(long killNanos) {
        writers.forEach(w -> w.mark(killNanos));
    }

    void disarm() {
        writers.forEach(FailoverWriter::disarm);
    }

    /** The earliest ack, over all writers, of a write issued after the mark. */
    OptionalLong firstAck() {
        return writers.stream().map(FailoverWriter::firstAckAfterMark).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
    }

    /** When the last writer got its first such ack; empty until every writer has one. */
    OptionalLong allResumed() {
        long latest = Long.MIN_VALUE;
        for (FailoverWriter w : writers) {
            OptionalLong first = w.firstAckAfterMark();
            if (first.isEmpty()) {
                return OptionalLong.empty();
            }
            latest = Math.max(latest, first.getAsLong());
        }
        return OptionalLong.of(latest);
    }

    long ok() {
        return writers.stream().mapToLong(FailoverWriter::ok).sum();
    }

    long failed() {
        return writers.stream().mapToLong(FailoverWriter::failed).sum();
    }

    int expiredSessions() {
        return writers.stream().mapToInt(FailoverWriter::expiredSessions).sum();
    }

    int recycledSessions() {
        return writers.stream().mapToInt(FailoverWriter::recycledSessions).sum();
    }

    @Override
    public void close() throws InterruptedException {
        for (FailoverWriter w : writers) {
            w.close();
        }
    }
}
