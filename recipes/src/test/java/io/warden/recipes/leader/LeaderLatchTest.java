package io.warden.recipes.leader;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaderLatchTest extends RecipeTestBase {

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void overManyCyclesOneLeaderAtATimeWithStrictlyIncreasingTokensAndEveryoneLeads(Backend backend) throws Exception {
        int n = 3;
        List<CuratorFramework> clients = new ArrayList<>();
        List<LeaderLatch> latches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(newClient(backend));
            LeaderLatch latch = new LeaderLatch(clients.get(i), "/latch-cycles", "p" + i);
            latches.add(latch);
            latch.start();
        }
        Map<String, Integer> ledCount = new HashMap<>();
        long lastToken = -1;
        for (int cycle = 0; cycle < 300; cycle++) {
            waitFor("a leader", () -> latches.stream().anyMatch(LeaderLatch::hasLeadership));
            List<Integer> leaders = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (latches.get(i).hasLeadership()) {
                    leaders.add(i);
                }
            }
            assertEquals(1, leaders.size(), "exactly one leader in cycle " + cycle);
            int who = leaders.get(0);
            LeaderLatch leader = latches.get(who);
            long token = leader.getLeadershipToken();
            assertTrue(token > lastToken, "token grows strictly: " + token + " after " + lastToken);
            lastToken = token;
            assertEquals(leader.getId(), leader.getLeader().getId(), "getLeader names the leader");
            ledCount.merge(leader.getId(), 1, Integer::sum);
            leader.close();
            LeaderLatch again = new LeaderLatch(clients.get(who), "/latch-cycles", "p" + who);
            latches.set(who, again);
            again.start();
        }
        assertEquals(n, ledCount.size(), "every participant led: " + ledCount);
        waitFor("all three queued", () -> participants(latches.get(0)) == n);
        for (LeaderLatch l : latches) {
            l.close();
        }
        assertEquals(0, participants(new LeaderLatch(clients.get(0), "/latch-cycles")), "no node left behind");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void leadershipMovesWhenTheLeadersSessionDies(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        CuratorFramework c2 = newClient(backend);
        LeaderLatch first = new LeaderLatch(c1, "/latch-expiry", "first");
        first.start();
        assertTrue(first.await(WAIT_S, TimeUnit.SECONDS));
        long firstToken = first.getLeadershipToken();
        LeaderLatch second = new LeaderLatch(c2, "/latch-expiry", "second");
        CountDownLatch becameLeader = new CountDownLatch(1);
        second.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                becameLeader.countDown();
            }

            @Override
            public void notLeader() {
            }
        });
        second.start();
        waitFor("second queued", () -> participants(second) == 2);
        assertFalse(second.hasLeadership());
        expireSession(c1, backend);
        assertTrue(becameLeader.await(WAIT_S, TimeUnit.SECONDS), "listener told the new leader");
        assertTrue(second.hasLeadership());
        assertTrue(second.getLeadershipToken() > firstToken);
        waitFor("old leader re-queued behind", () -> participants(second) == 2);
        assertFalse(first.hasLeadership(), "the expired leader does not lead");
        assertEquals("second", second.getLeader().getId());
        first.close();
        second.close();
    }

    private static int participants(LeaderLatch latch) {
        try {
            return latch.getParticipants().size();
        } catch (Exception e) {
            return -1;
        }
    }
}
