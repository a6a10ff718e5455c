package io.warden.recipes.barriers;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import io.warden.znode.KeeperException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributedDoubleBarrierTest extends RecipeTestBase {
    private static final int QTY = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void enterReleasesOnlyAtMemberQtyAndLeaveWaitsForAllThenTheBarrierIsReusable(Backend backend) throws Exception {
        List<CuratorFramework> clients = new ArrayList<>();
        for (int i = 0; i < QTY; i++) {
            clients.add(newClient(backend));
        }
        CuratorFramework observer = clients.get(0);
        ExecutorService pool = Executors.newFixedThreadPool(QTY);
        try {
            for (int round = 0; round < 2; round++) {
                List<DistributedDoubleBarrier> barriers = new ArrayList<>();
                for (CuratorFramework c : clients) {
                    barriers.add(new DistributedDoubleBarrier(c, "/double", QTY));
                }
                List<Future<?>> enters = new ArrayList<>();
                for (int i = 0; i < QTY - 1; i++) {
                    DistributedDoubleBarrier b = barriers.get(i);
                    enters.add(pool.submit(() -> {
                        b.enter();
                        return null;
                    }));
                }
                waitFor("two members entered", () -> members(observer, "/double") == QTY - 1);
                assertNull(observer.checkExists().forPath("/double/ready"), "not released below memberQty");
                assertTrue(enters.stream().noneMatch(Future::isDone), "both enterers still wait");

                assertTrue(barriers.get(QTY - 1).enter(WAIT_S, TimeUnit.SECONDS), "the third enter completes the quorum");
                for (Future<?> f : enters) {
                    f.get(WAIT_S, TimeUnit.SECONDS);
                }

                List<Future<Boolean>> leaves = new ArrayList<>();
                for (int i = 0; i < QTY - 1; i++) {
                    DistributedDoubleBarrier b = barriers.get(i);
                    leaves.add(pool.submit(() -> b.leave(WAIT_S, TimeUnit.SECONDS)));
                }
                waitFor("the leavers made progress", () -> members(observer, "/double") < QTY);
                assertTrue(leaves.stream().noneMatch(Future::isDone), "nobody leaves while a member is still inside");

                assertTrue(barriers.get(QTY - 1).leave(WAIT_S, TimeUnit.SECONDS));
                for (Future<Boolean> f : leaves) {
                    assertTrue(f.get(WAIT_S, TimeUnit.SECONDS), "every leave completes once all left");
                }
                assertTrue(members(observer, "/double") <= 0, "no member node left behind in round " + round);
                assertNull(observer.checkExists().forPath("/double/ready"), "last one out reset the barrier");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aTimedOutEnterLeavesNoNodeAndATimedOutLeaveCanBeRetriedWhetherLowestOrNot(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        CuratorFramework c2 = newClient(backend);
        assertFalse(new DistributedDoubleBarrier(c1, "/double-timeout", 2).enter(200, TimeUnit.MILLISECONDS),
                "alone: no quorum");
        assertTrue(members(c1, "/double-timeout") <= 0, "the timed-out enter removed its node");

        // the member whose leave times out is first the lowest node, then not the lowest
        String[][] orders = {{"a", "b"}, {"b", "a"}};
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (String[] names : orders) {
                DistributedDoubleBarrier first = new DistributedDoubleBarrier(c1, "/double-timeout", 2, names[0]);
                DistributedDoubleBarrier second = new DistributedDoubleBarrier(c2, "/double-timeout", 2, names[1]);
                Future<Boolean> secondEnter = pool.submit(() -> second.enter(WAIT_S, TimeUnit.SECONDS));
                assertTrue(first.enter(WAIT_S, TimeUnit.SECONDS));
                assertTrue(secondEnter.get(WAIT_S, TimeUnit.SECONDS));
                assertFalse(first.leave(200, TimeUnit.MILLISECONDS), "the other member has not left");
                Future<Boolean> secondLeave = pool.submit(() -> second.leave(WAIT_S, TimeUnit.SECONDS));
                assertTrue(first.leave(WAIT_S, TimeUnit.SECONDS), "retried leave completes (" + names[0] + " first)");
                assertTrue(secondLeave.get(WAIT_S, TimeUnit.SECONDS));
                assertTrue(members(c1, "/double-timeout") <= 0, "everyone gone");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sessionLossWhileWaitingToEnterIsReported(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        DistributedDoubleBarrier barrier = new DistributedDoubleBarrier(client, "/double-expiry", 2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> enter = pool.submit(() -> barrier.enter(WAIT_S, TimeUnit.SECONDS));
            waitFor("entered", () -> members(client, "/double-expiry") == 1);
            expireSession(client, backend);
            ExecutionException e = assertThrows(ExecutionException.class, () -> enter.get(WAIT_S, TimeUnit.SECONDS));
            assertInstanceOf(KeeperException.SessionExpiredException.class, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void badArgumentsAreRefused(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        assertThrows(IllegalArgumentException.class, () -> new DistributedDoubleBarrier(client, "/d", 0));
        assertThrows(IllegalArgumentException.class, () -> new DistributedDoubleBarrier(client, "no-slash", 2));
        DistributedDoubleBarrier other = new DistributedDoubleBarrier(client, "/double-never", 2);
        DistributedDoubleBarrier never = new DistributedDoubleBarrier(client, "/double-never", 2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiting = pool.submit(() -> other.enter(WAIT_S, TimeUnit.SECONDS));
            waitFor("other entered", () -> members(client, "/double-never") == 1);
            assertThrows(IllegalStateException.class, () -> never.leave(1, TimeUnit.SECONDS), "leave before enter");
            assertTrue(never.enter(WAIT_S, TimeUnit.SECONDS), "and nothing broke: entering still works");
            assertTrue(waiting.get(WAIT_S, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Member nodes under the barrier (not counting "ready"), or -1 if the barrier node is gone. */
    private static int members(CuratorFramework client, String path) {
        try {
            List<String> children = new ArrayList<>(client.getChildren().forPath(path));
            children.remove("ready");
            return children.size();
        } catch (Exception e) {
            return -1;
        }
    }
}
