package io.warden.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.zab.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast paths a closed TCP connection opens (ZabPeer.linkLost / electionLinkLost), measured in
 * virtual time against a twin run of the same seed in which closures go unreported and only the
 * tick limits (syncLimit, the election settle wait) notice the failure. Deterministic: no clocks.
 */
class LinkClosureScenariosTest {
    /** What syncLimit ticks take in virtual time (the config the simulation builds: syncLimit 5). */
    private static final long SYNC_LIMIT_MS = 5L * Simulation.TICK_MS;
    /**
     * A crash's resets reach every peer within this many virtual ms: up to 10 ms after the dead
     * peer's last message on the wire, which a calm network delivers within 5 ms (LinkClosures).
     */
    private static final long CLOSURE_MS = 15;

    private static Simulation ensemble(long seed, int voters, boolean closures) {
        Simulation sim = new Simulation(seed, voters, 0);
        if (closures) {
            sim.reportLinkClosures(1.0, 0);
        }
        return sim;
    }

    private static List<Long> others(Simulation sim, long id) {
        return sim.nodes.keySet().stream().filter(x -> x != id).toList();
    }

    private static void write(Simulation sim, long leader, int count) {
        for (int i = 0; i < count; i++) {
            sim.propose(leader, "w-" + sim.now() + "-" + i);
        }
        sim.runFor(300);
    }

    /** Crashes the established leader; returns the virtual ms until another leader is established. */
    private static long leaderFailoverMs(long seed, int voters, boolean closures) {
        Simulation sim = ensemble(seed, voters, closures);
        long[] took = new long[1];
        sim.guard(() -> {
            long old = sim.awaitLeader(5_000);
            write(sim, old, 5);
            long crashedAt = sim.now();
            sim.crash(old);
            long next = sim.awaitLeader(10_000);
            assertNotEquals(old, next);
            took[0] = sim.now() - crashedAt;
            write(sim, next, 5);
            sim.quiesceAndCheck();
        });
        return took[0];
    }

    @Test
    void followersThatSeeTheLeadersLinksCloseEstablishANewLeaderWellBeforeSyncLimit() {
        for (int voters : new int[] {3, 5}) {
            for (long seed = 1; seed <= 5; seed++) {
                long fast = leaderFailoverMs(seed, voters, true);
                long slow = leaderFailoverMs(seed, voters, false);
                String run = voters + " voters, seed " + seed + ": " + fast + " ms with closures, " + slow + " without";
                assertTrue(fast < SYNC_LIMIT_MS / 3, run);
                assertTrue(slow > SYNC_LIMIT_MS, run);
            }
        }
    }

    /** Crashes both followers of a 3-node ensemble; returns the virtual ms until the leader is LOOKING. */
    private static long leaderStepDownMs(long seed, boolean closures) {
        Simulation sim = ensemble(seed, 3, closures);
        long[] took = new long[1];
        sim.guard(() -> {
            long leader = sim.awaitLeader(5_000);
            write(sim, leader, 5);
            long crashedAt = sim.now();
            others(sim, leader).forEach(sim::crash);
            assertTrue(sim.await(5_000, () -> sim.peer(leader).role() != Role.LEADING), "the leader stepped down");
            took[0] = sim.now() - crashedAt;
            sim.quiesceAndCheck();
        });
        return took[0];
    }

    @Test
    void aLeaderWhoseFollowersLinksAllCloseStepsDownAtOnceNotAfterSyncLimit() {
        for (long seed = 1; seed <= 5; seed++) {
            long fast = leaderStepDownMs(seed, true);
            long slow = leaderStepDownMs(seed, false);
            String run = "seed " + seed + ": " + fast + " ms with closures, " + slow + " without";
            assertTrue(fast <= CLOSURE_MS, run); // the instant the second follower's reset arrives
            assertTrue(slow > SYNC_LIMIT_MS, run);
        }
    }

    @Test
    void aLeaderStepsDownInTheVirtualMillisecondItsLastFollowersLinkIsReportedClosed() {
        Simulation sim = ensemble(9, 3, false);
        sim.guard(() -> {
            long leader = sim.awaitLeader(5_000);
            write(sim, leader, 3);
            List<Long> followers = others(sim, leader);
            followers.forEach(sim::crash); // silently: only the reports below tell the leader
            sim.reportLinkLost(leader, followers.get(0), false);
            sim.runFor(1);
            assertTrue(sim.peer(leader).isEstablishedLeader(), "one follower left: leader and the other are a quorum");
            sim.reportLinkLost(leader, followers.get(1), false);
            sim.runFor(1);
            assertEquals(Role.LOOKING, sim.peer(leader).role());
            sim.quiesceAndCheck();
        });
    }

    @Test
    void aLeaderThatLosesOneFollowersLinkButKeepsAQuorumGoesOnCommitting() {
        Simulation sim = ensemble(7, 3, true);
        sim.guard(() -> {
            long leader = sim.awaitLeader(5_000);
            write(sim, leader, 3); // both followers synced
            long gone = others(sim, leader).get(0);
            sim.crash(gone);
            sim.runFor(CLOSURE_MS + 1);
            assertEquals(1, sim.peer(leader).learnerCounts().connected(), "the closed learner was dropped");
            assertTrue(sim.peer(leader).isEstablishedLeader());
            long committedBefore = sim.checker.committedCount();
            write(sim, leader, 5);
            assertEquals(committedBefore + 5, sim.checker.committedCount());
            sim.quiesceAndCheck();
        });
    }

    /**
     * Crashes the leader of a 3-node ensemble; returns the virtual ms from the moment both survivors
     * are LOOKING to the moment one of them has settled the election.
     */
    private static long electionAfterCrashMs(long seed, boolean closures) {
        Simulation sim = ensemble(seed, 3, closures);
        long[] took = new long[1];
        sim.guard(() -> {
            long old = sim.awaitLeader(5_000);
            write(sim, old, 3);
            List<Long> survivors = others(sim, old);
            sim.crash(old);
            took[0] = electionMs(sim, survivors);
            sim.quiesceAndCheck();
        });
        return took[0];
    }

    /** Runs until all of {@code voters} were LOOKING and then one settled; returns that span. */
    private static long electionMs(Simulation sim, List<Long> voters) {
        long[] allLookingAt = {-1};
        boolean settled = sim.await(5_000, () -> {
            if (allLookingAt[0] < 0 && voters.stream().allMatch(v -> sim.peer(v).role() == Role.LOOKING)) {
                allLookingAt[0] = sim.now();
            }
            return allLookingAt[0] >= 0 && voters.stream().anyMatch(v -> sim.peer(v).role() != Role.LOOKING);
        });
        assertTrue(settled, "the election settled");
        return sim.now() - allLookingAt[0];
    }

    @Test
    void anElectionAfterACrashWhoseLinksClosedSettlesAtOnceWithoutTheSettleWait() {
        for (long seed = 1; seed <= 5; seed++) {
            long fast = electionAfterCrashMs(seed, true);
            long slow = electionAfterCrashMs(seed, false);
            String run = "seed " + seed + ": " + fast + " ms with closures, " + slow + " without";
            assertTrue(fast < Simulation.TICK_MS / 2, run);
            assertTrue(slow >= Simulation.TICK_MS, run); // electionSettleTicks = 2 ticks
        }
    }

    /** At start-up voter 3 is dead; returns when 1 or 2 settles, reporting 3's election link closed or not. */
    private static long startupElectionMs(boolean reportElectionLinks) {
        Simulation sim = ensemble(11, 3, false);
        long[] took = new long[1];
        sim.guard(() -> {
            sim.block(3, 1); // its first votes, already on the wire, never arrive
            sim.block(3, 2);
            sim.crash(3);
            if (reportElectionLinks) {
                sim.reportLinkLost(1, 3, true);
                sim.reportLinkLost(2, 3, true);
            }
            took[0] = electionMs(sim, List.of(1L, 2L));
            sim.quiesceAndCheck();
        });
        return took[0];
    }

    @Test
    void anElectionStopsWaitingForAVoterWhoseElectionLinkClosed() {
        long fast = startupElectionMs(true);
        long slow = startupElectionMs(false);
        assertTrue(fast < Simulation.TICK_MS / 2, fast + " ms with the election link reported closed");
        assertTrue(slow >= Simulation.TICK_MS, slow + " ms without");
    }

    @Test
    void aFollowerKeepsItsLeaderWhenOnlyTheElectionLinkCloses() {
        Simulation sim = ensemble(13, 3, false);
        sim.guard(() -> {
            long leader = sim.awaitLeader(5_000);
            long follower = others(sim, leader).get(0);
            sim.reportLinkLost(follower, leader, true);
            sim.runFor(2);
            assertEquals(Role.FOLLOWING, sim.peer(follower).role());
            assertEquals(leader, sim.peer(follower).leader());
            sim.reportLinkLost(follower, leader, false);
            sim.runFor(2);
            assertNotEquals(leader, sim.peer(follower).leader(), "the quorum link closing ends the term for it");
            sim.quiesceAndCheck();
        });
    }
}
