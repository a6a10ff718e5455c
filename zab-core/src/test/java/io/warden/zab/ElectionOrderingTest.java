package io.warden.zab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.zab.election.FastLeaderElection;
import io.warden.zab.election.Vote;
import io.warden.zab.message.Notification;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ElectionOrderingTest {
    private static final TreeSet<Long> VOTERS = new TreeSet<>(List.of(1L, 2L, 3L));

    @Test
    void votesAreOrderedByPeerEpochThenZxidThenServerId() {
        Vote oldEpochLongLog = new Vote(3, 4, Zxid.of(4, 900));
        Vote newEpochShortLog = new Vote(1, 5, Zxid.of(4, 2));
        assertTrue(newEpochShortLog.beats(oldEpochLongLog));
        assertTrue(new Vote(1, 5, Zxid.of(5, 3)).beats(new Vote(2, 5, Zxid.of(5, 2))));
        assertTrue(new Vote(3, 5, Zxid.of(5, 2)).beats(new Vote(2, 5, Zxid.of(5, 2))));
    }

    @Test
    void aVoterAdoptsABetterVoteAndSettlesOnlyAfterTheWaitForLateNotifications() {
        Outbox out = new Outbox();
        ZabConfig config = new ZabConfig(1, VOTERS, new TreeSet<>(), 10, 5, 2, 4, 1);
        FastLeaderElection fle = new FastLeaderElection(config, out, new Vote(1, 1, Zxid.of(1, 5)), 0);
        fle.start();
        Vote better = new Vote(3, 1, Zxid.of(1, 9));
        assertEquals(OptionalLong.empty(), fle.onNotification(3, new Notification(better, 1, Role.LOOKING)));
        assertEquals(better, fle.proposed());
        assertEquals(OptionalLong.empty(), fle.tick(), "still inside the settle wait");
        assertEquals(OptionalLong.of(3), fle.tick());
    }

    @Test
    void aBetterLateNotificationDuringTheSettleWaitWins() {
        Outbox out = new Outbox();
        ZabConfig config = new ZabConfig(1, VOTERS, new TreeSet<>(), 10, 5, 2, 4, 1);
        FastLeaderElection fle = new FastLeaderElection(config, out, new Vote(1, 1, Zxid.of(1, 9)), 0);
        fle.start();
        fle.onNotification(2, new Notification(new Vote(2, 1, Zxid.of(1, 3)), 1, Role.LOOKING));
        // Quorum {1,2} on vote 1; before settling, 3 arrives with a better history.
        fle.tick();
        Vote best = new Vote(3, 2, Zxid.of(2, 1));
        fle.onNotification(3, new Notification(best, 1, Role.LOOKING));
        assertEquals(best, fle.proposed());
        fle.onNotification(2, new Notification(best, 1, Role.LOOKING));
        fle.tick();
        assertEquals(OptionalLong.of(3), fle.tick());
    }

    @Test
    void aSameRoundVoterWithAWorseVoteIsAnsweredAtOnceNotAtTheNextResend() {
        Outbox out = new Outbox();
        ZabConfig config = new ZabConfig(1, VOTERS, new TreeSet<>(), 10, 5, 2, 4, 1);
        FastLeaderElection fle = new FastLeaderElection(config, out, new Vote(1, 1, Zxid.of(1, 9)), 0);
        fle.start();
        out.drain(); // our first broadcast; voter 2 was not LOOKING yet and did not keep it
        fle.onNotification(2, new Notification(new Vote(2, 1, Zxid.of(1, 3)), fle.round(), Role.LOOKING));
        List<Envelope> sent = out.drain().messages();
        assertEquals(1, sent.size(), "one answer: " + sent);
        assertEquals(2, sent.get(0).to());
        assertEquals(new Vote(1, 1, Zxid.of(1, 9)), ((Notification) sent.get(0).message()).vote(),
                "the answer carries our better vote, so voter 2 can adopt it now");
    }

    @Test
    void aJoinerLearnsTheEstablishedLeaderAtOnce() {
        Outbox out = new Outbox();
        ZabConfig config = new ZabConfig(3, VOTERS, new TreeSet<>(), 10, 5, 2, 4, 1);
        FastLeaderElection fle = new FastLeaderElection(config, out, new Vote(3, 0, 0), 0);
        fle.start();
        OptionalLong decided = fle.onNotification(1, new Notification(new Vote(1, 7, Zxid.of(7, 3)), 4, Role.LEADING));
        assertEquals(OptionalLong.of(1), decided, "leader + ourselves form a quorum of 3");
    }

    @Test
    void observersNeverCountAsVotes() {
        Outbox out = new Outbox();
        TreeSet<Long> observers = new TreeSet<>(List.of(4L, 5L));
        ZabConfig config = new ZabConfig(1, VOTERS, observers, 10, 5, 0, 4, 1);
        FastLeaderElection fle = new FastLeaderElection(config, out, new Vote(1, 1, 1), 0);
        fle.start();
        Vote v = new Vote(1, 1, 1);
        assertEquals(OptionalLong.empty(), fle.onNotification(4, new Notification(v, 1, Role.LOOKING)));
        assertEquals(OptionalLong.empty(), fle.onNotification(5, new Notification(v, 1, Role.LOOKING)));
        assertEquals(OptionalLong.of(1), fle.onNotification(2, new Notification(v, 1, Role.LOOKING)));
    }

    @Test
    void anObserverJoinsOnlyALeaderBackedByAQuorumOfVoters() {
        Outbox out = new Outbox();
        ZabConfig config = new ZabConfig(4, VOTERS, new TreeSet<>(List.of(4L)), 10, 5, 2, 4, 1);
        FastLeaderElection fle = new FastLeaderElection(config, out, new Vote(4, 0, 0), 0);
        fle.start();
        Vote leader = new Vote(2, 3, Zxid.of(3, 1));
        assertEquals(OptionalLong.empty(), fle.onNotification(2, new Notification(leader, 1, Role.LEADING)));
        assertEquals(OptionalLong.of(2), fle.onNotification(1, new Notification(leader, 1, Role.FOLLOWING)));
    }

    @Test
    void theElectionSettlesAtOnceWhenEveryVoterStillReachableAgrees() {
        ZabConfig config = new ZabConfig(1, VOTERS, new TreeSet<>(), 10, 5, 2, 4, 1);
        java.util.Set<Long> down = new java.util.HashSet<>();
        FastLeaderElection fle = new FastLeaderElection(config, new Outbox(), new Vote(1, 1, Zxid.of(1, 5)), 0,
                down::contains);
        fle.start();
        Vote best = new Vote(3, 1, Zxid.of(1, 9));
        assertEquals(OptionalLong.empty(), fle.onNotification(3, new Notification(best, 1, Role.LOOKING)),
                "voter 2 may still send a better vote: wait");
        down.add(2L);
        assertEquals(OptionalLong.of(3), fle.peerUnreachable(), "voter 2's link closed: nobody else can answer");
    }

    @Test
    void allVotesInAndAgreeingSettlesWithoutTheWait() {
        ZabConfig config = new ZabConfig(1, VOTERS, new TreeSet<>(), 10, 5, 2, 4, 1);
        FastLeaderElection fle = new FastLeaderElection(config, new Outbox(), new Vote(1, 1, Zxid.of(1, 5)), 0);
        fle.start();
        Vote best = new Vote(3, 1, Zxid.of(1, 9));
        fle.onNotification(3, new Notification(best, 1, Role.LOOKING));
        assertEquals(OptionalLong.of(3), fle.onNotification(2, new Notification(best, 1, Role.LOOKING)));
    }
}
