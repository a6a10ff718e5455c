package io.warden.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.zab.Role;
import io.warden.zab.message.QuorumMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed fault schedules shaped after the sync-path bugs that lost data in Apache ZooKeeper. Each
 * needs precisely timed steps that random schedules rarely hit. The invariant checker runs after
 * every event; each scenario ends by healing everything and requiring convergence.
 */
class SyncRegressionScenariosTest {

    private static List<Long> others(Simulation sim, long id) {
        return sim.nodes.keySet().stream().filter(x -> x != id).toList();
    }

    private static void write(Simulation sim, long leader, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            sim.propose(leader, prefix + i);
        }
        sim.runFor(300);
    }

    private static void assertNobodyLogged(Simulation sim, long zxid) {
        for (SimNode n : sim.nodes.values()) {
            if (n.alive()) {
                assertNull(n.peer().log().get(zxid), "node " + n.id + " still holds " + zxid);
            }
        }
    }

    @Test
    void zk1154_allCrashAndTheServerWithAnUncommittedTailReturnsLastAndIsTruncated() {
        Simulation sim = new Simulation(1154, 3, 0);
        sim.guard(() -> {
            long a = sim.awaitLeader(5_000);
            write(sim, a, 5, "committed-");
            others(sim, a).forEach(o -> sim.block(a, o)); // A's next proposal reaches nobody
            long orphan = sim.propose(a, "orphan");
            sim.fsync(a);
            sim.nodes.keySet().forEach(sim::crash);
            sim.healAll();
            others(sim, a).forEach(sim::restart);
            long b = sim.awaitLeader(5_000);
            assertNotEquals(a, b);
            write(sim, b, 5, "new-epoch-");
            sim.restart(a); // A returns with 'orphan' in its log; B must TRUNC it, never DIFF over it
            sim.quiesceAndCheck();
            assertNobodyLogged(sim, orphan);
        });
    }

    @Test
    void zk2832_aFollowersLoggedButUncommittedTxnIsTruncatedWhenTheNewLeaderNeverLoggedIt() {
        Simulation sim = new Simulation(2832, 3, 0);
        sim.guard(() -> {
            long leader = sim.awaitLeader(5_000);
            long f = others(sim, leader).get(0);
            long g = others(sim, leader).get(1);
            write(sim, leader, 3, "base-");
            sim.block(f, leader); // F's ACK never arrives: the txn stays uncommitted
            sim.block(leader, g);
            long p = sim.propose(leader, "uncommitted");
            sim.crashLosingUnsynced(leader); // the leader never fsynced it
            sim.runFor(20);
            sim.fsync(f);
            assertEquals(p, sim.peer(f).lastLoggedZxid());
            sim.crash(f);
            sim.healAll();
            sim.restart(leader);
            long next = sim.awaitLeader(5_000);
            assertNotEquals(f, next);
            write(sim, next, 3, "after-");
            sim.restart(f);
            sim.quiesceAndCheck();
            assertNobodyLogged(sim, p);
        });
    }

    @Test
    void zk2845_anOldLeaderRestartingWithAnExtraFsyncedTxnIsTruncated() {
        Simulation sim = new Simulation(2845, 3, 0);
        sim.guard(() -> {
            long old = sim.awaitLeader(5_000);
            write(sim, old, 4, "base-");
            others(sim, old).forEach(o -> sim.block(old, o));
            long extra = sim.propose(old, "extra");
            sim.fsync(old);
            sim.crash(old);
            sim.healAll();
            long next = sim.awaitLeader(5_000);
            write(sim, next, 4, "next-");
            sim.restart(old);
            sim.quiesceAndCheck();
            assertNobodyLogged(sim, extra);
        });
    }

    @Test
    void zk3911_txnsCommittedAtEstablishmentSurviveWhenTheWholeNewQuorumCrashesRightAfter() {
        Simulation sim = new Simulation(3911, 3, 0);
        sim.guard(() -> {
            long l = sim.awaitLeader(5_000);
            long f1 = others(sim, l).get(0);
            long f2 = others(sim, l).get(1);
            sim.crash(f2);
            write(sim, l, 5, "base-");
            sim.block(f1, l); // F1 logs p but its ACK is lost
            long p = sim.propose(l, "p");
            sim.crashLosingUnsynced(l); // the old leader never fsynced p: only F1 has it
            sim.runFor(20);
            sim.fsync(f1);
            sim.healAll();
            sim.restart(f2);
            long established = sim.awaitLeader(5_000); // F1 leads; DIFF to F2 carries p; p commits
            assertEquals(f1, established);
            assertTrue(sim.checker.lastCommittedZxid() >= p, "p committed at establishment");
            // The whole new quorum loses power at once; only what was fsynced before the ACKs remains.
            sim.crashLosingUnsynced(f2);
            sim.crashLosingUnsynced(f1);
            sim.restart(l);
            sim.restart(f2);
            long next = sim.awaitLeader(5_000); // L and F2: F2 must still hold p
            assertNotEquals(f1, next);
            sim.runFor(500);
            sim.quiesceAndCheck();
        });
    }

    @Test
    void zk3642_aLearnerThatGotSnapButNotNewLeaderRecoversConsistently() {
        Simulation sim = new Simulation(3642, 3, 0);
        sim.guard(() -> {
            long l = sim.awaitLeader(5_000);
            long lagging = others(sim, l).get(0);
            sim.crash(lagging);
            write(sim, l, 20, "before-snapshot-");
            sim.snapshot(l); // the leader's log no longer reaches back to what the lagging server has
            write(sim, l, 3, "after-snapshot-");
            sim.setInterceptor((from, to, m) -> !(to == lagging && m instanceof QuorumMessage.NewLeader));
            sim.restart(lagging);
            boolean gotSnap = sim.await(3_000, () -> sim.peer(lagging) != null
                    && sim.peer(lagging).committedZxid() > 0);
            assertTrue(gotSnap, "the lagging server installed the leader's snapshot");
            sim.crash(l);
            sim.crashLosingUnsynced(lagging);
            sim.setInterceptor((from, to, m) -> true);
            sim.restart(lagging);
            sim.restart(l);
            sim.quiesceAndCheck();
        });
    }

    @Test
    void zk4394_proposalsAndCommitsBetweenNewLeaderAndUpToDateAreAppliedInOrder() {
        Simulation sim = new Simulation(4394, 3, 0);
        sim.guard(() -> {
            long l = sim.awaitLeader(5_000);
            long late = others(sim, l).get(0);
            sim.crash(late);
            write(sim, l, 5, "while-down-");
            sim.restart(late);
            for (int i = 0; i < 600 && sim.establishedLeader() == l; i++) {
                sim.propose(l, "during-sync-" + i); // a write every millisecond while 'late' syncs
                sim.runFor(1);
            }
            sim.quiesceAndCheck();
        });
    }

    @Test
    void aOneWayPartitionThatSilencesTheLeaderDeposesItAndANewLeaderTakesOver() {
        Simulation sim = new Simulation(77, 5, 1);
        sim.guard(() -> {
            long l = sim.awaitLeader(5_000);
            write(sim, l, 5, "before-");
            others(sim, l).forEach(o -> sim.block(o, l)); // L still talks, but hears nobody
            boolean deposed = sim.await(5_000, () -> sim.peer(l).role() != Role.LEADING);
            assertTrue(deposed, "a leader that hears no quorum steps down within syncLimit");
            long next = sim.awaitLeader(5_000);
            assertNotEquals(l, next);
            write(sim, next, 5, "after-");
            sim.quiesceAndCheck();
        });
    }

    @Test
    void aFlappingLinkToTheLeaderNeverBreaksSafetyAndHeals() {
        Simulation sim = new Simulation(99, 3, 0);
        sim.guard(() -> {
            long l = sim.awaitLeader(5_000);
            long f = others(sim, l).get(0);
            for (int i = 0; i < 20; i++) {
                sim.block(l, f);
                sim.block(f, l);
                sim.propose(sim.establishedLeader() >= 0 ? sim.establishedLeader() : l, "flap-" + i);
                sim.runFor(150);
                sim.healAll();
                sim.runFor(150);
                if (sim.establishedLeader() < 0) {
                    sim.awaitLeader(5_000);
                }
                l = sim.establishedLeader();
                f = others(sim, l).get(i % 2);
            }
            sim.quiesceAndCheck();
        });
    }
}
