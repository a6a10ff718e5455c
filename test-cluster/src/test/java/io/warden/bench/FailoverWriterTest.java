package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The failover writer against a real (in-process ZooKeeper 3.9.3) server on an ephemeral port. */
class FailoverWriterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private TestingServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new TestingServer(true);
        ZooKeeper zk = ZooKeeperAsyncClient.connect(server.getConnectString());
        try {
            zk.create("/w", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } finally {
            zk.close();
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void anExpiredSessionIsReplacedCountedAndWritesResume() throws Exception {
        try (FailoverWriter w = new FailoverWriter("t", server.getConnectString(), "/w", new byte[16], 2)) {
            assertTrue(poll(() -> w.ok() > 0), "no write acknowledged");
            ZooKeeper first = w.currentSession();
            first.getTestable().injectSessionExpiration();
            assertTrue(poll(() -> w.expiredSessions() == 1), "expiry not noticed");
            long after = System.nanoTime();
            assertTrue(poll(() -> w.ackedSince(after)), "writes did not resume on a new session");
            assertTrue(w.currentSession() != first);
            assertEquals(0, w.recycledSessions());
        }
    }

    @Test
    void onlyWritesIssuedAfterTheMarkCountAsTheFirstAckAfterIt() throws Exception {
        try (FailoverWriter w = new FailoverWriter("t", server.getConnectString(), "/w", new byte[16], 2)) {
            assertTrue(poll(() -> w.ok() > 0), "no write acknowledged");
            long floor = System.nanoTime();
            w.armFloor(floor);
            long mark = System.nanoTime();
            w.mark(mark);
            assertTrue(poll(() -> w.firstAckAfterMark().isPresent()), "no ack after the mark");
            assertTrue(w.firstAckAfterMark().getAsLong() > mark);
            w.disarm();
        }
    }

    @Test
    void aRecycledSessionIsCountedAndWritesContinue() throws Exception {
        try (FailoverWriter w = new FailoverWriter("t", server.getConnectString(), "/w", new byte[16], 2)) {
            assertTrue(poll(() -> w.ok() > 0), "no write acknowledged");
            w.recycle();
            assertTrue(poll(() -> w.recycledSessions() == 1), "not recycled");
            long after = System.nanoTime();
            assertTrue(poll(() -> w.ackedSince(after)), "writes did not continue");
        }
    }

    private static boolean poll(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10); // polling with a deadline
        }
        return true;
    }
}
