package io.warden.zab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Three peers wired by a synchronous, lossless message pump (etcd-raft's test network style). */
class EnsembleTest {
    private record InFlight(long from, Envelope envelope) {
    }

    private final Map<Long, ZabPeer> peers = new TreeMap<>();
    private final Map<Long, List<Long>> applied = new TreeMap<>();
    private final ArrayDeque<InFlight> wire = new ArrayDeque<>();

    private void boot(Map<Long, PersistentState> disks) {
        TreeSet<Long> voters = new TreeSet<>(disks.keySet());
        for (var e : disks.entrySet()) {
            ZabConfig config = new ZabConfig(e.getKey(), voters, new TreeSet<>(), 10, 5, 2, 4, 1);
            peers.put(e.getKey(), new ZabPeer(config, e.getValue(), () -> new Snapshot(0, new byte[0]), new Random(e.getKey())));
            applied.put(e.getKey(), new ArrayList<>());
        }
        pump();
    }

    /** Drains every peer; appends are treated as fsynced immediately. */
    private void pump() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (ZabPeer p : peers.values()) {
                Ready r = p.ready();
                if (r.isEmpty()) {
                    continue;
                }
                progress = true;
                r.messages().forEach(m -> wire.add(new InFlight(p.id(), m)));
                r.deliveries().forEach(d -> applied.get(p.id()).add(((Delivery.Apply) d).txn().zxid()));
                if (r.persist().stream().anyMatch(op -> op instanceof StorageOp.Append)) {
                    p.persisted(p.lastLoggedZxid());
                }
            }
            while (!wire.isEmpty()) {
                InFlight m = wire.poll();
                peers.get(m.envelope().to()).step(m.from(), m.envelope().message());
                progress = true;
            }
        }
    }

    private void tickAll(int ticks) {
        for (int i = 0; i < ticks; i++) {
            peers.values().forEach(ZabPeer::tick);
            pump();
        }
    }

    private long leader() {
        return peers.values().stream().filter(ZabPeer::isEstablishedLeader).mapToLong(ZabPeer::id).findFirst().orElse(-1);
    }

    @Test
    void theMostUpToDateVoterLeadsANewEpochAndItsHistoryIsCommittedEverywhere() {
        Snapshot empty = new Snapshot(0, new byte[0]);
        boot(Map.of(
                1L, new PersistentState(1, 1, empty, List.of(ZabLogTest.txn(1, 1))),
                2L, new PersistentState(1, 1, empty, List.of(ZabLogTest.txn(1, 1), ZabLogTest.txn(1, 2))),
                3L, new PersistentState(1, 1, empty, List.of())));
        tickAll(5);
        assertEquals(2, leader());
        for (ZabPeer p : peers.values()) {
            assertEquals(2, p.acceptedEpoch());
            assertEquals(2, p.currentEpoch());
            assertEquals(List.of(Zxid.of(1, 1), Zxid.of(1, 2)), applied.get(p.id()));
        }
    }

    @Test
    void aProposalIsCommittedOnAQuorumAndAppliedInZxidOrder() {
        Snapshot empty = new Snapshot(0, new byte[0]);
        boot(Map.of(1L, PersistentState.empty(new byte[0]), 2L, PersistentState.empty(new byte[0]),
                3L, new PersistentState(0, 0, empty, List.of())));
        tickAll(5);
        long leader = leader();
        assertTrue(leader > 0);
        assertThrows(NotLeaderException.class, () -> peers.get(leader % 3 + 1).propose(new byte[] {1}));
        long a = peers.get(leader).propose(new byte[] {1});
        long b = peers.get(leader).propose(new byte[] {2});
        pump();
        for (ZabPeer p : peers.values()) {
            assertEquals(List.of(a, b), applied.get(p.id()));
        }
    }

    @Test
    void aLeaderThatHearsNoQuorumStepsDownAfterSyncLimit() {
        boot(Map.of(1L, PersistentState.empty(new byte[0]), 2L, PersistentState.empty(new byte[0]),
                3L, PersistentState.empty(new byte[0])));
        tickAll(5);
        ZabPeer leader = peers.get(leader());
        for (int i = 0; i < 7; i++) {
            leader.tick(); // nobody else ticks or answers
            leader.ready();
        }
        assertEquals(Role.LOOKING, leader.role());
    }
}
