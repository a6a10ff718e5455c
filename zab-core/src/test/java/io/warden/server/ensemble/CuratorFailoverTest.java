package io.warden.server.ensemble;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Curator 5.7.1 recipes on a 3-node Warden ensemble whose leader is killed under them. */
class CuratorFailoverTest {
    private static final Duration FAILOVER = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private LocalEnsemble ensemble;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    private CuratorFramework curator() throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(ensemble.connectStringAll())
                .sessionTimeoutMs(4000).connectionTimeoutMs(3000).retryPolicy(new RetryNTimes(100, 50)).build();
        closeables.add(c);
        c.start();
        assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS), "curator connected");
        return c;
    }

    private static long sessionOf(CuratorFramework c) throws Exception {
        return c.getZookeeperClient().getZooKeeper().getSessionId();
    }

    @Test
    void aMutexHolderKeepsItsLockAcrossALeaderKillAndNoSecondHolderGetsIt() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).peersByName().startAll();
        long leader = ensemble.awaitLeader();
        CuratorFramework a = curator();
        CuratorFramework b = curator();
        InterProcessMutex held = new InterProcessMutex(a, "/locks/one");
        InterProcessMutex wanted = new InterProcessMutex(b, "/locks/one");
        assertTrue(held.acquire(10, TimeUnit.SECONDS));
        long session = sessionOf(a);

        ensemble.kill(leader);
        ensemble.awaitLeader();

        LocalEnsemble.until("the holder is connected again", FAILOVER, () -> {
            a.sync().forPath("/locks/one");
            return true;
        });
        assertEquals(session, sessionOf(a), "the holder kept its session");
        List<String> nodes = a.getChildren().forPath("/locks/one");
        assertEquals(1, nodes.size(), "one lock node: " + nodes);
        Stat stat = a.checkExists().forPath("/locks/one/" + nodes.get(0));
        assertEquals(session, stat.getEphemeralOwner(), "the lock node is still the holder's");
        assertTrue(held.isAcquiredInThisProcess());
        assertFalse(wanted.acquire(300, TimeUnit.MILLISECONDS), "no second holder while the first holds");

        held.release();
        assertTrue(wanted.acquire(10, TimeUnit.SECONDS), "the lock passes on after the release");
        wanted.release();
        assertTrue(held.acquire(10, TimeUnit.SECONDS), "acquire and release keep working after the failover");
        held.release();
    }

    /** Counts latches that believe they lead at once; remembers the most ever seen. */
    private static final class Leaders implements LeaderLatchListener {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public void isLeader() {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        @Override
        public void notLeader() {
            now.decrementAndGet();
        }
    }

    private static LeaderLatch awaitOneLeader(List<LeaderLatch> latches) {
        LeaderLatch[] found = new LeaderLatch[1];
        LocalEnsemble.until("exactly one latch leads and all agree on it", FAILOVER, () -> {
            List<LeaderLatch> leading = latches.stream().filter(LeaderLatch::hasLeadership).toList();
            if (leading.size() != 1) {
                return false;
            }
            found[0] = leading.get(0);
            for (LeaderLatch l : latches) {
                if (!l.getLeader().getId().equals(found[0].getId())) {
                    return false;
                }
            }
            return true;
        });
        return found[0];
    }

    @Test
    void aLeaderLatchReElectsOneLeaderAfterTheEnsemblesLeaderIsKilled() throws Exception {
        ensemble = new LocalEnsemble(dir, 3, 0).peersByName().startAll();
        long leader = ensemble.awaitLeader();
        Leaders leaders = new Leaders();
        List<LeaderLatch> latches = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            LeaderLatch latch = new LeaderLatch(curator(), "/latch", "p" + i);
            latch.addListener(leaders);
            latches.add(latch);
            closeables.add(latch);
            latch.start();
        }
        awaitOneLeader(latches);

        ensemble.kill(leader);
        ensemble.awaitLeader();

        LeaderLatch after = awaitOneLeader(latches);
        assertEquals(1, leaders.most.get(), "never two latch leaders at once across the failover");
        after.close();
        latches.remove(after);
        closeables.remove(after);
        LeaderLatch next = awaitOneLeader(latches);
        assertFalse(next == after, "another participant took over from the closed leader");
    }
}
