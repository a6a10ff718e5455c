package io.warden.zab;

import static io.warden.zab.ZabLogTest.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.zab.broadcast.AckQuorum;
import io.warden.zab.discovery.EpochRules;
import io.warden.zab.sync.SyncPlan;
import io.warden.zab.sync.SyncPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseRulesTest {
    private static final Snapshot NO_SNAPSHOT_EXPECTED = null;

    // ---- discovery ----

    @Test
    void newEpochIsAboveEveryAcceptedEpochOfTheQuorum() {
        assertEquals(8, EpochRules.chooseNewEpoch(5, List.of(7L, 3L)));
        assertEquals(6, EpochRules.chooseNewEpoch(5, List.of()));
    }

    @Test
    void aFollowerNeverAcceptsAnOlderEpoch() {
        assertFalse(EpochRules.followerAccepts(4, 5));
        assertTrue(EpochRules.followerAccepts(5, 5));
        assertTrue(EpochRules.followerAccepts(6, 5));
    }

    @Test
    void aLateFollowerThatAcceptedOurEpochElsewhereMayNotJoin() {
        assertTrue(EpochRules.lateFollowerMayJoin(6, 5, false));
        assertFalse(EpochRules.lateFollowerMayJoin(6, 6, false));
        assertTrue(EpochRules.lateFollowerMayJoin(6, 6, true));
        assertFalse(EpochRules.lateFollowerMayJoin(6, 7, true));
    }

    @Test
    void aFollowerWithANewerHistoryIsAhead() {
        assertTrue(EpochRules.followerIsAhead(5, Zxid.of(5, 1), 4, Zxid.of(4, 99)));
        assertTrue(EpochRules.followerIsAhead(5, Zxid.of(5, 3), 5, Zxid.of(5, 2)));
        assertFalse(EpochRules.followerIsAhead(4, Zxid.of(4, 99), 5, Zxid.of(5, 1)));
        assertFalse(EpochRules.followerIsAhead(5, Zxid.of(5, 2), 5, Zxid.of(5, 2)));
    }

    // ---- synchronization ----

    private static ZabLog leaderLog() {
        // epoch 1: 1..3; epoch 2 never proposed; epoch 3: 1..2
        return new ZabLog(0, List.of(txn(1, 1), txn(1, 2), txn(1, 3), txn(3, 1), txn(3, 2)));
    }

    @Test
    void diffWhenTheFollowerHistoryIsAPrefix() {
        SyncPlan plan = SyncPlanner.plan(leaderLog(), Zxid.of(1, 3), Zxid.of(3, 2), () -> NO_SNAPSHOT_EXPECTED);
        SyncPlan.Diff diff = assertInstanceOf(SyncPlan.Diff.class, plan);
        assertEquals(List.of(txn(3, 1), txn(3, 2)), diff.entries());
    }

    @Test
    void emptyDiffWhenAlreadyLevel() {
        SyncPlan plan = SyncPlanner.plan(leaderLog(), Zxid.of(3, 2), Zxid.of(3, 2), () -> NO_SNAPSHOT_EXPECTED);
        assertEquals(List.of(), assertInstanceOf(SyncPlan.Diff.class, plan).entries());
    }

    @Test
    void truncWhenTheFollowerHasADeposedLeadersTail_ZK1154() {
        // The follower logged 0x2:1..0x2:4 under a leader of epoch 2 that never got them committed;
        // 0x2:4 lies between our 0x1:3 and 0x3:1, but it is not ours: a DIFF would diverge.
        SyncPlan plan = SyncPlanner.plan(leaderLog(), Zxid.of(2, 4), Zxid.of(3, 2), () -> NO_SNAPSHOT_EXPECTED);
        SyncPlan.Trunc trunc = assertInstanceOf(SyncPlan.Trunc.class, plan);
        assertEquals(Zxid.of(1, 3), trunc.truncZxid());
        assertEquals(List.of(txn(3, 1), txn(3, 2)), trunc.entries());
    }

    @Test
    void truncWhenTheFollowerIsBeyondOurLogEnd() {
        SyncPlan plan = SyncPlanner.plan(leaderLog(), Zxid.of(3, 5), Zxid.of(3, 2), () -> NO_SNAPSHOT_EXPECTED);
        SyncPlan.Trunc trunc = assertInstanceOf(SyncPlan.Trunc.class, plan);
        assertEquals(Zxid.of(3, 2), trunc.truncZxid());
        assertTrue(trunc.entries().isEmpty());
    }

    @Test
    void snapWhenTheCommonPointIsOlderThanOurLog() {
        ZabLog log = leaderLog();
        log.compact(Zxid.of(1, 2));
        Snapshot snap = new Snapshot(Zxid.of(1, 3), new byte[] {42});
        SyncPlan plan = SyncPlanner.plan(log, Zxid.of(1, 1), Zxid.of(3, 2), () -> snap);
        SyncPlan.Snap s = assertInstanceOf(SyncPlan.Snap.class, plan);
        assertEquals(snap, s.snapshot());
        assertEquals(List.of(txn(3, 1), txn(3, 2)), s.entries());
    }

    @Test
    void observersAreSentOnlyCommittedHistory() {
        SyncPlan plan = SyncPlanner.plan(leaderLog(), Zxid.of(1, 2), Zxid.of(1, 3), () -> NO_SNAPSHOT_EXPECTED);
        assertEquals(List.of(txn(1, 3)), assertInstanceOf(SyncPlan.Diff.class, plan).entries());
    }

    // ---- broadcast ----

    @Test
    void aProposalCommitsOnceAMajorityOfVotersAckedIt() {
        assertEquals(7, AckQuorum.quorumZxid(new long[] {9, 7, 3}, 2));
        assertEquals(5, AckQuorum.quorumZxid(new long[] {9, 7, 5, 0, 0}, 3));
        assertEquals(0, AckQuorum.quorumZxid(new long[] {9, 0, 0, 0, 0}, 3));
    }
}
