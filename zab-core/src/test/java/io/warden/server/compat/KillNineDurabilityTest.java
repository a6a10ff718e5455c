package io.warden.server.compat;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability under SIGKILL: a Warden process takes a steady load of creates and two-create multis from
 * four async writers, is killed with kill -9 mid-load and restarted from the same dataDir. Every write
 * the server acknowledged is there; no multi is half-applied.
 */
@Timeout(120)
class KillNineDurabilityTest {
    private static final int WRITERS = 4;
    private static final int MAX_IN_FLIGHT = 32;
    private static final int ACKS_BEFORE_KILL = 600;

    @TempDir
    Path tmp;

    private WardenProcess server;
    private final List<ZooKeeper> clients = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (ZooKeeper zk : clients) {
            zk.close(1000);
        }
        if (server != null) {
            server.close();
        }
    }

    private ZooKeeper connect() throws Exception {
        Events events = new Events();
        ZooKeeper zk = new ZooKeeper(server.connectString(), 4000, events);
        clients.add(zk);
        events.awaitState(org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected, Duration.ofSeconds(15));
        return zk;
    }

    /** Issues creates and 2-create multis as fast as MAX_IN_FLIGHT allows, recording what was acknowledged. */
    private static final class Writer implements Runnable {
        private final ZooKeeper zk;
        private final int id;
        private final AtomicBoolean stop;
        private final Set<String> ackedNodes;
        private final Set<String> ackedPairs;
        private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

        Writer(ZooKeeper zk, int id, AtomicBoolean stop, Set<String> ackedNodes, Set<String> ackedPairs) {
            this.zk = zk;
            this.id = id;
            this.stop = stop;
            this.ackedNodes = ackedNodes;
            this.ackedPairs = ackedPairs;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; !stop.get(); n++) {
                    while (!inFlight.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                        if (stop.get()) {
                            return;
                        }
                    }
                    if (n % 2 == 0) {
                        String name = "w" + id + "-" + n;
                        zk.create("/load/" + name, new byte[100], OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                                (AsyncCallback.StringCallback) (rc, path, ctx, created) -> {
                                    if (rc == 0) {
                                        ackedNodes.add(name);
                                    }
                                    inFlight.release();
                                }, null);
                    } else {
                        String pair = "p" + id + "-" + n;
                        zk.multi(List.of(
                                Op.create("/pairs/" + pair + "-a", new byte[50], OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                                Op.create("/pairs/" + pair + "-b", new byte[50], OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)),
                                (rc, path, ctx, results) -> {
                                    if (rc == 0) {
                                        ackedPairs.add(pair);
                                    }
                                    inFlight.release();
                                }, null);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNineAndNoMultiIsHalfApplied() throws Exception {
        server = WardenProcess.start(tmp);
        ZooKeeper setup = connect();
        setup.create("/load", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        setup.create("/pairs", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        Set<String> ackedNodes = ConcurrentHashMap.newKeySet();
        Set<String> ackedPairs = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Thread t = new Thread(new Writer(connect(), i, stop, ackedNodes, ackedPairs), "writer-" + i);
            threads.add(t);
            t.start();
        }
        Poll.until(ACKS_BEFORE_KILL + " acknowledged writes", Duration.ofSeconds(60),
                () -> ackedNodes.size() + ackedPairs.size() >= ACKS_BEFORE_KILL);
        server.kill(); // SIGKILL while the writers still have requests in flight
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
        Set<String> nodesAtKill = Set.copyOf(ackedNodes);
        Set<String> pairsAtKill = Set.copyOf(ackedPairs);
        for (ZooKeeper zk : clients) {
            zk.close(1000);
        }
        clients.clear();

        server.restart();
        ZooKeeper check = connect();
        Set<String> load = new HashSet<>(check.getChildren("/load", false));
        Set<String> missing = new HashSet<>(nodesAtKill);
        missing.removeAll(load);
        assertEquals(Set.of(), missing, "acknowledged creates lost by kill -9; log:\n" + server.logTail());

        Set<String> pairNodes = new HashSet<>(check.getChildren("/pairs", false));
        for (String pair : pairsAtKill) {
            assertTrue(pairNodes.contains(pair + "-a") && pairNodes.contains(pair + "-b"),
                    "acknowledged multi " + pair + " lost");
        }
        for (String node : pairNodes) {
            String partner = node.endsWith("-a") ? node.substring(0, node.length() - 1) + "b"
                    : node.substring(0, node.length() - 1) + "a";
            assertTrue(pairNodes.contains(partner), "half-applied multi: " + node + " without " + partner);
        }
        // the recovered server takes new writes
        check.create("/load/after-restart", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertTrue(load.size() >= nodesAtKill.size());
    }
}
