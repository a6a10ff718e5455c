package io.warden.zab;

import static io.warden.zab.ZabLogTest.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.zab.election.Vote;
import io.warden.zab.message.Notification;
import io.warden.zab.message.QuorumMessage;
import io.warden.zab.message.QuorumMessage.Ack;
import io.warden.zab.message.QuorumMessage.AckEpoch;
import io.warden.zab.message.QuorumMessage.AckNewLeader;
import io.warden.zab.message.QuorumMessage.Commit;
import io.warden.zab.message.QuorumMessage.Diff;
import io.warden.zab.message.QuorumMessage.FollowerInfo;
import io.warden.zab.message.QuorumMessage.LeaderInfo;
import io.warden.zab.message.QuorumMessage.NewLeader;
import io.warden.zab.message.QuorumMessage.Proposal;
import io.warden.zab.message.QuorumMessage.Trunc;
import io.warden.zab.message.QuorumMessage.UpToDate;
import io.warden.zab.message.ZabMessage;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Drives one follower by hand through the leader's messages, checking what it persists and sends. */
class LearnerProtocolTest {
    private static final long LEADER = 1;
    private static final byte[] EMPTY = new byte[0];

    private ZabPeer follower;
    private long session;

    private void connect(PersistentState disk) {
        ZabConfig config = new ZabConfig(2, new TreeSet<>(List.of(1L, 2L, 3L)), new TreeSet<>(), 10, 5, 2, 4, 1);
        follower = new ZabPeer(config, disk, () -> new Snapshot(0, EMPTY), new Random(7));
        follower.ready();
        follower.step(LEADER, new Notification(new Vote(LEADER, 1, Zxid.of(1, 2)), 1, Role.LEADING));
        assertEquals(Role.FOLLOWING, follower.role());
        FollowerInfo info = only(follower.ready(), FollowerInfo.class);
        session = info.session();
    }

    private void discover(long epoch) {
        follower.step(LEADER, new LeaderInfo(session, epoch));
        Ready r = follower.ready();
        assertEquals(List.of(new StorageOp.SaveAcceptedEpoch(epoch)), r.persist(), "epoch durable before ACKEPOCH");
        only(r, AckEpoch.class);
    }

    private static PersistentState diskWith(long accepted, long current, List<Txn> log) {
        return new PersistentState(accepted, current, new Snapshot(0, EMPTY), log);
    }

    @SuppressWarnings("unchecked")
    private static <T extends ZabMessage> T only(Ready r, Class<T> type) {
        List<ZabMessage> matching = r.messages().stream().map(Envelope::message).filter(type::isInstance).toList();
        assertEquals(1, matching.size(), "expected one " + type.getSimpleName() + " in " + r.messages());
        return (T) matching.get(0);
    }

    private static List<Long> applied(Ready r) {
        return r.deliveries().stream().map(d -> ((Delivery.Apply) d).txn().zxid()).toList();
    }

    @Test
    void startupAppliesNothingBeyondTheSnapshot_ZK1154() {
        connect(diskWith(1, 1, List.of(txn(1, 1), txn(1, 2))));
        assertEquals(0, follower.committedZxid());
        assertEquals(Zxid.of(1, 2), follower.lastLoggedZxid());
    }

    @Test
    void newLeaderPersistsTheSyncedHistoryThenCurrentEpochThenAcks_ZK3911_ZK4643() {
        connect(diskWith(1, 1, List.of(txn(1, 1))));
        discover(2);
        follower.step(LEADER, new Diff(session, 2, List.of(txn(1, 2), txn(2, 1))));
        Ready afterDiff = follower.ready();
        assertTrue(afterDiff.messages().isEmpty(), "nothing is acknowledged for the stream itself");
        assertTrue(afterDiff.deliveries().isEmpty(), "synced history is not applied before UPTODATE");
        follower.step(LEADER, new NewLeader(session, 2, Zxid.of(2, 1)));
        Ready r = follower.ready();
        assertEquals(List.of(new StorageOp.SaveCurrentEpoch(2)), r.persist());
        assertTrue(r.mustSync(), "the currentEpoch barrier flushes the appended history before the ACK leaves");
        only(r, AckNewLeader.class);
        assertEquals(2, follower.currentEpoch());
    }

    @Test
    void proposalsAreAcknowledgedOnlyAfterTheyAreDurable() {
        connect(diskWith(0, 0, List.of()));
        discover(1);
        follower.step(LEADER, new Diff(session, 1, List.of()));
        follower.step(LEADER, new NewLeader(session, 1, 0));
        follower.step(LEADER, new UpToDate(session, 1, 0));
        follower.ready();
        follower.step(LEADER, new Proposal(session, 1, txn(1, 1)));
        Ready logged = follower.ready();
        assertEquals(List.of(new StorageOp.Append(txn(1, 1))), logged.persist());
        assertTrue(logged.messages().isEmpty(), "no ACK before fsync");
        follower.persisted(Zxid.of(1, 1));
        assertEquals(Zxid.of(1, 1), only(follower.ready(), Ack.class).zxid());
    }

    @Test
    void everyLegalInterleavingOfSyncAndBroadcastAppliesInOrder_ZK4394() {
        connect(diskWith(1, 1, List.of(txn(1, 1))));
        discover(2);
        // DIFF, NEWLEADER, PROPOSAL, COMMIT, PROPOSAL, UPTODATE, COMMIT
        follower.step(LEADER, new Diff(session, 2, List.of(txn(1, 2))));
        follower.step(LEADER, new NewLeader(session, 2, Zxid.of(1, 2)));
        follower.step(LEADER, new Proposal(session, 2, txn(2, 1)));
        follower.step(LEADER, new Commit(session, 2, Zxid.of(2, 1)));
        follower.step(LEADER, new Proposal(session, 2, txn(2, 2)));
        follower.step(LEADER, new UpToDate(session, 2, Zxid.of(2, 1)));
        follower.step(LEADER, new Commit(session, 2, Zxid.of(2, 2)));
        Ready r = follower.ready();
        assertEquals(List.of(Zxid.of(1, 1), Zxid.of(1, 2), Zxid.of(2, 1), Zxid.of(2, 2)), applied(r));
        assertEquals(Role.FOLLOWING, follower.role());
    }

    @Test
    void truncDropsADeposedLeadersTailBeforeTakingTheNewHistory() {
        connect(diskWith(2, 2, List.of(txn(1, 1), txn(2, 1), txn(2, 2))));
        discover(3);
        follower.step(LEADER, new Trunc(session, 3, Zxid.of(1, 1), List.of(txn(3, 1))));
        Ready r = follower.ready();
        assertEquals(new StorageOp.TruncateAfter(Zxid.of(1, 1)), r.persist().get(0));
        assertEquals(new StorageOp.Append(txn(3, 1)), r.persist().get(1));
        assertEquals(Zxid.of(3, 1), follower.lastLoggedZxid());
    }

    @Test
    void aHoleInTheProposalStreamSendsTheFollowerBackToElection() {
        connect(diskWith(0, 0, List.of()));
        discover(1);
        follower.step(LEADER, new Diff(session, 1, List.of()));
        follower.step(LEADER, new NewLeader(session, 1, 0));
        follower.step(LEADER, new UpToDate(session, 1, 0));
        follower.step(LEADER, new Proposal(session, 1, txn(1, 1)));
        follower.step(LEADER, new Proposal(session, 1, txn(1, 1))); // duplicate: ignored
        assertEquals(Role.FOLLOWING, follower.role());
        follower.step(LEADER, new Proposal(session, 1, txn(1, 3))); // 1:2 was lost
        assertEquals(Role.LOOKING, follower.role());
    }

    @Test
    void anOlderLeaderEpochIsRefused() {
        connect(diskWith(5, 4, List.of()));
        follower.step(LEADER, new LeaderInfo(session, 4));
        assertEquals(Role.LOOKING, follower.role());
        assertEquals(5, follower.acceptedEpoch());
    }

    @Test
    void messagesOfAnEarlierConnectionAreIgnored() {
        connect(diskWith(1, 1, List.of()));
        follower.step(LEADER, new LeaderInfo(session + 1, 9));
        assertEquals(1, follower.acceptedEpoch());
        assertInstanceOf(QuorumMessage.class, new LeaderInfo(session, 2));
    }

    @Test
    void aClosedLinkToTheLeaderSendsTheLearnerToElectionAtOnceAndOtherPeersLinksDoNot() {
        connect(diskWith(0, 0, List.of()));
        follower.linkLost(3);
        assertEquals(Role.FOLLOWING, follower.role(), "another follower's link says nothing about the leader");
        follower.linkLost(LEADER);
        assertEquals(Role.LOOKING, follower.role());
        Ready r = follower.ready();
        assertTrue(r.events().stream().anyMatch(e -> e instanceof ZabEvent.RoleChanged rc && rc.role() == Role.LOOKING),
                "the role change is reported: " + r.events());
        follower.linkLost(LEADER);
        assertEquals(Role.LOOKING, follower.role(), "a late close while looking changes nothing");
    }
}
