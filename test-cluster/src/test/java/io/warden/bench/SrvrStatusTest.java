package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SrvrStatusTest {
    private static final String LEADER = """
            Zookeeper version: 3.9.3-c26634f34490bb0ea7a09cc51e05ede3b4e320ee, built on 2024-10-17 23:21 UTC
            Latency min/avg/max: 0/0.1/7
            Received: 1204
            Sent: 1203
            Connections: 3
            Outstanding: 0
            Zxid: 0x20000004b
            Mode: leader
            Node count: 1008
            Proposal sizes last/min/max: 1100/36/1183
            """;

    @Test
    void readsModeAndHexZxidOfALeader() {
        SrvrStatus s = SrvrStatus.parse(LEADER).orElseThrow();
        assertEquals("leader", s.mode());
        assertEquals(0x20000004bL, s.zxid());
        assertTrue(s.isLeader());
        assertTrue(s.inEnsemble());
    }

    @Test
    void aFollowerIsInTheEnsembleButNotLeaderAndCrLfIsAccepted() {
        SrvrStatus s = SrvrStatus.parse("Zxid: 0x100000000\r\nMode: Follower\r\n").orElseThrow();
        assertEquals("follower", s.mode());
        assertFalse(s.isLeader());
        assertTrue(s.inEnsemble());
    }

    @Test
    void standaloneIsNotAnEnsembleMember() {
        assertFalse(SrvrStatus.parse("Mode: standalone\n").orElseThrow().inEnsemble());
    }

    @Test
    void aMemberNotServingHasNoStatus() {
        assertEquals(Optional.empty(), SrvrStatus.parse("This ZooKeeper instance is not currently serving requests\n"));
        assertEquals(Optional.empty(), SrvrStatus.parse(""));
    }

    @Test
    void aMissingOrGarbledZxidIsMinusOne() {
        assertEquals(-1, SrvrStatus.parse("Mode: leader\n").orElseThrow().zxid());
        assertEquals(-1, SrvrStatus.parse("Zxid: 0xZZ\nMode: leader\n").orElseThrow().zxid());
    }
}
