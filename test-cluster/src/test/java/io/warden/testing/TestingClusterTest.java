package io.warden.testing;

import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.warden.testing.EnsembleGuard.awaitEnsemble;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three in-process servers behind link proxies, with the official ZooKeeper client. */
class TestingClusterTest {
    private static final Duration CONNECT = Duration.ofSeconds(20);
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    private final Opened opened = new Opened();

    @AfterEach
    void tearDown() throws Exception {
        opened.close();
    }

    private <T extends AutoCloseable> T track(T c) {
        return opened.track(c);
    }

    private TestingCluster started(int n) throws Exception {
        TestingCluster cluster = track(new TestingCluster(n));
        cluster.start();
        return cluster;
    }

    private ZooKeeper client(String connectString) throws Exception {
        return opened.client(connectString, CONNECT);
    }

    /**
     * {@code zk} once it works again after a failover. Its session must have survived (same id):
     * a SessionExpiredException fails the test.
     */
    private static ZooKeeper sameSession(ZooKeeper zk, long sessionId) throws Exception {
        Zk.retry(FAILOVER, () -> zk.exists("/", false));
        assertEquals(sessionId, zk.getSessionId(), "the session moved with its id");
        return zk;
    }

    private static List<Integer> othersThan(TestingCluster cluster, int id) {
        return cluster.getServers().stream().map(InstanceSpec::id).filter(i -> i != id).toList();
    }

    @Test
    void everyServerSeesItsPeersThroughItsOwnProxiesAndBindsItsOwnPorts() throws Exception {
        TestingCluster cluster = track(new TestingCluster(3));
        Set<Integer> peerPorts = new HashSet<>();
        for (InstanceSpec me : cluster.getServers()) {
            ServerConfig config = cluster.layout.config(me.id());
            assertEquals(me.id(), config.serverId());
            assertEquals(me.serverClientPort(), config.clientPort());
            for (PeerSpec peer : config.servers()) {
                InstanceSpec real = cluster.getInstance((int) peer.id());
                if (peer.id() == me.id()) {
                    assertEquals(real.quorumPort(), peer.quorumPort(), "own quorum port is the real one");
                    assertEquals(real.electionPort(), peer.electionPort());
                } else {
                    assertNotEquals(real.quorumPort(), peer.quorumPort(), "a peer is reached through a proxy");
                    assertTrue(peerPorts.add(peer.quorumPort()) && peerPorts.add(peer.electionPort()),
                            "every directed link has proxies of its own");
                }
            }
        }
        assertEquals(3 * 2 * 2, peerPorts.size());
        String expected = cluster.getServers().stream().map(InstanceSpec::connectString)
                .reduce((a, b) -> a + "," + b).orElseThrow();
        assertEquals(expected, cluster.getConnectString());
    }

    @Test
    void pauseFreezesAServersClientPortAndResumeLetsTheAnswerThrough() throws Exception {
        TestingCluster cluster = started(3);
        InstanceSpec s = cluster.getInstance(2);
        assertTrue(FourLetterWordClient.send(s.clientPort(), "ruok", Duration.ofSeconds(5)).isPresent());

        cluster.pause(2);

        assertTrue(FourLetterWordClient.send(s.clientPort(), "ruok", Duration.ofMillis(300)).isEmpty(),
                "a paused server does not answer through its client proxy");
        assertTrue(FourLetterWordClient.send(s.serverClientPort(), "ruok", Duration.ofSeconds(5)).isPresent(),
                "the server itself still answers on its own port");
        cluster.resume(2);
        assertEquals("imok", FourLetterWordClient.send(s.clientPort(), "ruok", Duration.ofSeconds(5))
                .orElseThrow().trim());
    }

    @Test
    void aWriteOnOneServerIsReadAfterSyncOnAnother() throws Exception {
        TestingCluster cluster = started(3);
        awaitEnsemble(cluster);
        ZooKeeper one = client(cluster.getInstance(1).connectString());
        ZooKeeper three = client(cluster.getInstance(3).connectString());

        Zk.retry(FAILOVER, () -> Zk.create(one, "/shared", "from-1"));

        assertEquals("from-1", Zk.syncRead(three, "/shared"));
        assertEquals(1, cluster.getServers().stream().filter(s -> cluster.mode(s.id()).orElse("").equals("leader"))
                .count());
    }

    @Test
    void killingTheLeaderElectsAnotherWritesResumeAndTheOldLeaderCatchesUp() throws Exception {
        TestingCluster cluster = started(3);
        awaitEnsemble(cluster);
        ZooKeeper zk = client(cluster.getConnectString());
        long session = zk.getSessionId();
        Zk.retry(FAILOVER, () -> Zk.create(zk, "/before", "1"));
        Zk.retry(FAILOVER, () -> zk.create("/owned", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
        InstanceSpec leader = cluster.awaitLeader(FAILOVER);

        assertTrue(cluster.killServer(leader.id()));

        InstanceSpec next = cluster.awaitLeader(FAILOVER);
        assertNotEquals(leader.id(), next.id());
        ZooKeeper writer = sameSession(zk, session);
        Zk.retry(FAILOVER, () -> Zk.create(writer, "/after", "2"));
        for (int id : othersThan(cluster, leader.id())) {
            ZooKeeper each = client(cluster.getInstance(id).connectString());
            Zk.retry(FAILOVER, () -> Zk.syncRead(each, "/owned"));
            assertEquals(session, each.exists("/owned", false).getEphemeralOwner(),
                    "the session's ephemeral survived the failover on server " + id);
        }
        cluster.restartServer(leader.id());
        assertTrue(cluster.awaitEnsemble(FAILOVER), "old leader rejoins; modes " + cluster.modes());
        ZooKeeper old = client(leader.connectString());
        assertEquals("1", Zk.retry(FAILOVER, () -> Zk.syncRead(old, "/before")));
        assertEquals("2", Zk.retry(FAILOVER, () -> Zk.syncRead(old, "/after")));
    }

    @Test
    void partitioningTheLeaderFromTheOthersMovesLeadershipAndHealRejoinsIt() throws Exception {
        TestingCluster cluster = started(3);
        awaitEnsemble(cluster);
        InstanceSpec leader = cluster.awaitLeader(FAILOVER);
        List<Integer> others = othersThan(cluster, leader.id());

        for (int other : others) {
            cluster.partition(leader.id(), other);
        }

        boolean moved = EnsembleLayout.poll(FAILOVER, () -> others.stream()
                .anyMatch(id -> cluster.mode(id).orElse("").equals("leader")));
        assertTrue(moved, "one of the majority leads; modes " + cluster.modes());
        ZooKeeper majority = client(cluster.getInstance(others.get(0)).connectString() + ","
                + cluster.getInstance(others.get(1)).connectString());
        Zk.retry(FAILOVER, () -> Zk.create(majority, "/majority", "ok"));
        assertTrue(EnsembleLayout.poll(FAILOVER, () -> !cluster.mode(leader.id()).orElse("").equals("leader")),
                "the isolated old leader steps down; modes " + cluster.modes());

        cluster.heal();

        assertTrue(cluster.awaitEnsemble(FAILOVER), "modes " + cluster.modes());
        ZooKeeper old = client(leader.connectString());
        assertEquals("ok", Zk.retry(FAILOVER, () -> Zk.syncRead(old, "/majority")));
    }

    @Test
    void writesContinueWhileOneFollowerCannotHearTheLeaderAndItCatchesUpAfterHeal() throws Exception {
        TestingCluster cluster = started(3);
        awaitEnsemble(cluster);
        InstanceSpec leader = cluster.awaitLeader(FAILOVER);
        int follower = othersThan(cluster, leader.id()).get(0);
        ZooKeeper zk = client(leader.connectString());

        cluster.partitionOneWay(leader.id(), follower);
        for (int i = 0; i < 20; i++) {
            int n = i;
            Zk.retry(FAILOVER, () -> Zk.create(zk, "/oneway-" + n, "v" + n));
        }
        cluster.heal();

        ZooKeeper f = client(cluster.getInstance(follower).connectString());
        assertEquals("v19", Zk.retry(FAILOVER, () -> Zk.syncRead(f, "/oneway-19")));
        assertTrue(cluster.awaitEnsemble(FAILOVER), "modes " + cluster.modes());
    }

    @Test
    void aPausedFollowerDoesNotBlockWritesAndCatchesUpOnResume() throws Exception {
        TestingCluster cluster = started(3);
        awaitEnsemble(cluster);
        InstanceSpec leader = cluster.awaitLeader(FAILOVER);
        int follower = othersThan(cluster, leader.id()).get(0);
        ZooKeeper zk = client(leader.connectString());

        cluster.pause(follower);
        Zk.retry(FAILOVER, () -> Zk.create(zk, "/while-paused", "x"));
        cluster.resume(follower);

        ZooKeeper f = client(cluster.getInstance(follower).connectString());
        assertEquals("x", Zk.retry(FAILOVER, () -> {
            try {
                return Zk.syncRead(f, "/while-paused");
            } catch (KeeperException.NoNodeException e) {
                throw new KeeperException.ConnectionLossException(); // not caught up yet: retry
            }
        }));
    }

    @Test
    void anObserverFollowsServesReadsAndItsDeathNeverBlocksWrites() throws Exception {
        TestingCluster cluster = track(new TestingCluster(ClusterOptions.builder().servers(4).observers(1).build()));
        cluster.start();
        awaitEnsemble(cluster);
        InstanceSpec observer = cluster.getInstance(4);
        assertTrue(observer.isObserver());
        assertEquals("observer", cluster.mode(4).orElseThrow());
        ZooKeeper voters = client(cluster.getInstance(1).connectString());
        Zk.retry(FAILOVER, () -> Zk.create(voters, "/seen-by-observer", "o"));
        ZooKeeper obs = client(observer.connectString());
        assertEquals("o", Zk.retry(FAILOVER, () -> Zk.syncRead(obs, "/seen-by-observer")));

        cluster.killServer(4);

        Zk.retry(FAILOVER, () -> Zk.create(voters, "/without-observer", "w"));
        assertEquals("w", Zk.read(voters, "/without-observer"));
    }

    @Test
    void votesTravelOnTheElectionPortAndProposalsOnTheQuorumPort() throws Exception {
        TestingCluster cluster = started(3);
        awaitEnsemble(cluster);
        int leader = cluster.leader().orElseThrow().id();
        int rejoining = othersThan(cluster, leader).get(0);
        cluster.killServer(rejoining);
        for (int a : List.of(1, 2, 3)) {
            for (int b : List.of(1, 2, 3)) {
                if (a != b) {
                    cluster.layout.network().proxy(a, b, EnsembleNetwork.PortKind.ELECTION)
                            .state(io.warden.testing.proxy.LinkState.DROP);
                }
            }
        }
        ZooKeeper zk = client(cluster.getInstance(leader).connectString());
        Zk.retry(FAILOVER, () -> Zk.create(zk, "/without-election-links", "q")); // quorum links carry writes

        cluster.restartServer(rejoining);
        // Without election links the restarted server cannot learn who leads.
        assertFalse(cluster.awaitEnsemble(Duration.ofSeconds(2)),
                "a server joined without any election traffic: " + cluster.modes());
        cluster.heal();
        awaitEnsemble(cluster);
        assertEquals(leader, cluster.leader().orElseThrow().id());
        ZooKeeper there = client(cluster.getInstance(rejoining).connectString());
        assertEquals("q", Zk.retry(FAILOVER, () -> Zk.syncRead(there, "/without-election-links")));
    }
}
