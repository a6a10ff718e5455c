package io.warden.server.compat;

import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Curator 5.7.1 LeaderLatch against Warden: one leader at a time, and leadership moves on close. */
class CuratorLeaderLatchTest extends CompatTestBase {
    private static final int CLIENTS = 3;

    @Test
    void leaderLatchElectsExactlyOneLeaderAndLeadershipMovesWhenItCloses() throws Exception {
        List<LeaderLatch> latches = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            LeaderLatch latch = new LeaderLatch(curator(), "/election", "p" + i);
            latch.start();
            latches.add(latch);
        }
        try {
            LeaderLatch first = awaitSingleLeader(latches);
            assertEquals(first.getId(), latches.get(1).getLeader().getId(), "everyone agrees on the leader");
            first.close();
            latches.remove(first);
            LeaderLatch second = awaitSingleLeader(latches);
            assertTrue(second != first);
            assertEquals(2, second.getParticipants().size());
        } finally {
            for (LeaderLatch l : latches) {
                l.close();
            }
        }
    }

    private static LeaderLatch awaitSingleLeader(List<LeaderLatch> latches) {
        Poll.until("exactly one leader among " + latches.size(),
                () -> latches.stream().filter(LeaderLatch::hasLeadership).count() == 1
                        && latches.stream().allMatch(l -> {
                            try {
                                return l.getParticipants().size() == latches.size();
                            } catch (Exception e) {
                                return false;
                            }
                        }));
        return latches.stream().filter(LeaderLatch::hasLeadership).findFirst().orElseThrow();
    }
}
