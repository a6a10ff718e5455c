package io.warden.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.server.config.PeerRole;
import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FourLetterWordsTest {

    private final FakeServerView view = new FakeServerView();

    private String render(FourLetterWord word) {
        return FourLetterWords.render(word, view, Whitelist.all());
    }

    private static ConnectionInfo client(int port, long sessionId) {
        Optional<ConnectionInfo.SessionDetails> session = sessionId == 0 ? Optional.empty()
                : Optional.of(new ConnectionInfo.SessionDetails(sessionId, "GETD", 1700000000000L, 30000, 0x1f,
                        0x100000005L, 1700000000500L, 1, 0, 2, 7));
        return new ConnectionInfo(new InetSocketAddress("127.0.0.1", port), 1, 0, 33, 32, session);
    }

    @Test
    void ruokAnswersImokWithoutNewline() {
        assertEquals("imok", render(FourLetterWord.RUOK));
    }

    @Test
    void ruokAnswersEvenWhenNotServing() {
        view.serving = false;
        assertEquals("imok", render(FourLetterWord.RUOK));
    }

    @Test
    void wordOutsideWhitelistIsRefusedWithZooKeepersMessage() {
        String out = FourLetterWords.render(FourLetterWord.MNTR, view, Whitelist.defaultWhitelist());
        assertEquals("mntr is not executed because it is not in the whitelist.\n", out);
    }

    @Test
    void refusedResetDoesNotReset() {
        FourLetterWords.render(FourLetterWord.SRST, view, Whitelist.defaultWhitelist());
        assertEquals(0, view.serverResets);
    }

    @Test
    void telnetCloseRendersNothing() {
        assertEquals("", FourLetterWords.render(FourLetterWord.TELNET_CLOSE, view, Whitelist.defaultWhitelist()));
    }

    @Test
    void srvrMatchesZooKeeperLayout() {
        assertEquals("""
                Zookeeper version: 3.9.3-warden-0.1.0, built on 2025-01-02 03:04 UTC
                Latency min/avg/max: 0/0.5/3
                Received: 12
                Sent: 11
                Connections: 0
                Outstanding: 0
                Zxid: 0x100000005
                Mode: standalone
                Node count: 5
                """, FourLetterWords.render(FourLetterWord.SRVR, view, Whitelist.defaultWhitelist()));
    }

    @Test
    void srvrVersionLineParsesAsZooKeeperRelease() {
        String first = render(FourLetterWord.SRVR).lines().findFirst().orElseThrow();
        String version = first.substring("Zookeeper version: ".length());
        assertEquals("3.9.3", version.substring(0, version.indexOf('-')));
    }

    @Test
    void leaderSrvrAddsProposalSizes() {
        view.mode = ServerMode.LEADER;
        view.leaderStats = Optional.of(new LeaderStats(2, 2, 0, 0, 0, 120, 36, 4096));
        assertTrue(render(FourLetterWord.SRVR).endsWith("Mode: leader\nNode count: 5\n"
                + "Proposal sizes last/min/max: 120/36/4096\n"));
    }

    @Test
    void readOnlyServerSaysSoAfterTheVersion() {
        view.mode = ServerMode.READ_ONLY;
        List<String> lines = render(FourLetterWord.SRVR).lines().toList();
        assertEquals("READ-ONLY mode; serving only read-only clients", lines.get(1));
        assertEquals("Mode: read-only", lines.get(8));
    }

    @Test
    void statListsClientsBrieflyThenTheSummary() {
        view.connections.add(client(50001, 0x1000000aL));
        view.connections.add(client(50002, 0));
        assertEquals("""
                Zookeeper version: 3.9.3-warden-0.1.0, built on 2025-01-02 03:04 UTC
                Clients:
                 /127.0.0.1:50001[1](queued=0,recved=33,sent=32)
                 /127.0.0.1:50002[1](queued=0,recved=33,sent=32)

                Latency min/avg/max: 0/0.5/3
                Received: 12
                Sent: 11
                Connections: 2
                Outstanding: 0
                Zxid: 0x100000005
                Mode: standalone
                Node count: 5
                """, render(FourLetterWord.STAT));
    }

    @Test
    void consShowsSessionFieldsOnlyForConnectionsWithASession() {
        view.connections.add(client(50001, 0x1000000aL));
        view.connections.add(client(50002, 0));
        assertEquals(" /127.0.0.1:50001[1](queued=0,recved=33,sent=32,sid=0x1000000a,lop=GETD,est=1700000000000,"
                + "to=30000,lcxid=0x1f,lzxid=0x100000005,lresp=1700000000500,llat=1,minlat=0,avglat=2,maxlat=7)\n"
                + " /127.0.0.1:50002[1](queued=0,recved=33,sent=32)\n"
                + "\n", render(FourLetterWord.CONS));
    }

    @Test
    void mntrStartsWithVersionAndStateAndUsesTabs() {
        view.watches.put(1L, Set.of("/a", "/b"));
        view.ephemerals.put(1L, Set.of("/e1"));
        List<String> lines = render(FourLetterWord.MNTR).lines().toList();
        assertEquals("zk_version\t3.9.3-warden-0.1.0, built on 2025-01-02 03:04 UTC", lines.get(0));
        assertEquals("zk_server_state\tstandalone", lines.get(1));
        for (String line : lines) {
            assertTrue(line.matches("zk_[a-z_]+\t.+"), line);
        }
        assertTrue(lines.contains("zk_avg_latency\t0.5"));
        assertTrue(lines.contains("zk_max_latency\t3"));
        assertTrue(lines.contains("zk_min_latency\t0"));
        assertTrue(lines.contains("zk_packets_received\t12"));
        assertTrue(lines.contains("zk_packets_sent\t11"));
        assertTrue(lines.contains("zk_num_alive_connections\t0"));
        assertTrue(lines.contains("zk_outstanding_requests\t0"));
        assertTrue(lines.contains("zk_znode_count\t5"));
        assertTrue(lines.contains("zk_watch_count\t2"));
        assertTrue(lines.contains("zk_ephemerals_count\t1"));
        assertTrue(lines.contains("zk_approximate_data_size\t44"));
        assertTrue(lines.contains("zk_open_file_descriptor_count\t42"));
        assertTrue(lines.contains("zk_max_file_descriptor_count\t4096"));
        assertTrue(lines.contains("zk_uptime\t12345"));
        assertTrue(lines.contains("zk_global_sessions\t1"));
        assertTrue(lines.contains("zk_local_sessions\t0"));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("zk_synced_followers")));
    }

    @Test
    void mntrOmitsFileDescriptorsWhenUnknownAndAddsLeaderMetricsOnLeader() {
        view.openFds = OptionalLong.empty();
        view.maxFds = OptionalLong.empty();
        view.mode = ServerMode.LEADER;
        view.leaderStats = Optional.of(new LeaderStats(3, 2, 0, 1, 4, 120, 36, 4096));
        String out = render(FourLetterWord.MNTR);
        assertTrue(!out.contains("file_descriptor"), out);
        assertTrue(out.contains("zk_server_state\tleader\n"));
        assertTrue(out.contains("zk_learners\t3\n"));
        assertTrue(out.contains("zk_synced_followers\t2\n"));
        assertTrue(out.contains("zk_synced_observers\t1\n"));
        assertTrue(out.contains("zk_pending_syncs\t4\n"));
        assertTrue(out.contains("zk_max_proposal_size\t4096\n"));
    }

    @Test
    void averagesPrintLikeAJavaDoubleButNeverInExponentForm() {
        assertEquals("0.0", StatText.decimal(0));
        assertEquals("1.25", StatText.decimal(1.25));
        assertEquals("0.3333", StatText.decimal(1.0 / 3));
        assertEquals("0.0001", StatText.decimal(0.0001));
        assertEquals("12.0", StatText.decimal(12));
        assertEquals("0.0", StatText.decimal(Double.NaN));
    }

    @Test
    void notServingAnswersTheZooKeeperMessage() {
        view.serving = false;
        for (FourLetterWord w : List.of(FourLetterWord.SRVR, FourLetterWord.STAT, FourLetterWord.MNTR,
                FourLetterWord.CONS, FourLetterWord.CONF, FourLetterWord.DUMP, FourLetterWord.WCHS,
                FourLetterWord.DIRS, FourLetterWord.CRST, FourLetterWord.SRST)) {
            assertEquals("This ZooKeeper instance is not currently serving requests\n", render(w), w.word());
        }
        assertEquals(0, view.connectionResets + view.serverResets);
    }

    @Test
    void isroSaysRwRoOrNull() {
        assertEquals("rw", render(FourLetterWord.ISRO));
        view.mode = ServerMode.READ_ONLY;
        assertEquals("ro", render(FourLetterWord.ISRO));
        view.serving = false;
        assertEquals("null", render(FourLetterWord.ISRO));
    }

    @Test
    void confPrintsStandaloneKeysInZooKeeperOrder() {
        String dir = Path.of("/var/warden").toAbsolutePath().toString();
        assertEquals("clientPort=2181\n"
                + "secureClientPort=-1\n"
                + "dataDir=" + dir + "\n"
                + "dataDirSize=1024\n"
                + "dataLogDir=" + dir + "\n"
                + "dataLogSize=67108880\n"
                + "tickTime=2000\n"
                + "maxClientCnxns=60\n"
                + "minSessionTimeout=4000\n"
                + "maxSessionTimeout=40000\n"
                + "clientPortListenBacklog=-1\n"
                + "serverId=0\n", render(FourLetterWord.CONF));
    }

    @Test
    void confAddsQuorumKeysAndMembershipInAnEnsemble() {
        PeerSpec one = new PeerSpec(1, "zk1", 2888, 3888, PeerRole.PARTICIPANT, Optional.empty());
        PeerSpec two = new PeerSpec(2, "zk2", 2889, 3889, PeerRole.OBSERVER,
                Optional.of(InetSocketAddress.createUnresolved("0.0.0.0", 2182)));
        view.config = ServerConfig.builder().servers(List.of(one, two)).serverId(2).build();
        String out = render(FourLetterWord.CONF);
        assertTrue(out.contains("serverId=2\ninitLimit=10\nsyncLimit=5\nelectionAlg=3\nelectionPort=3889\n"
                + "quorumPort=2889\npeerType=1\nmembership: \n"
                + "server.1=zk1:2888:3888:participant\n"
                + "server.2=zk2:2889:3889:observer;0.0.0.0:2182\n"
                + "version=0\n"), out);
    }

    @Test
    void enviListsTheViewsEnvironmentInOrder() {
        view.environment.put("zookeeper.version", "3.9.3-warden-0.1.0, built on x");
        view.environment.put("java.version", "17");
        assertEquals("Environment:\nzookeeper.version=3.9.3-warden-0.1.0, built on x\njava.version=17\n",
                render(FourLetterWord.ENVI));
    }

    @Test
    void capturedEnvironmentStartsWithVersionAndHostAndHasZooKeepersKeys() {
        List<String> keys = List.copyOf(EnvironmentInfo.capture(view.version).keySet());
        assertEquals("zookeeper.version", keys.get(0));
        assertEquals("host.name", keys.get(1));
        assertTrue(keys.containsAll(List.of("java.version", "java.class.path", "os.name", "user.dir",
                "os.memory.free", "os.memory.max", "os.memory.total")), keys.toString());
    }

    @Test
    void dirsReportsBothSizes() {
        assertEquals("datadir_size: 1024\nlogdir_size: 67108880\n", render(FourLetterWord.DIRS));
    }

    @Test
    void crstAndSrstResetThroughTheView() {
        assertEquals("Connection stats reset.\n", render(FourLetterWord.CRST));
        assertEquals("Server stats reset.\n", render(FourLetterWord.SRST));
        assertEquals(1, view.connectionResets);
        assertEquals(1, view.serverResets);
    }

    @Test
    void wchsSummarisesWatches() {
        view.watches.put(0x10L, Set.of("/a", "/b"));
        view.watches.put(0x11L, Set.of("/a"));
        view.watches.put(0x12L, Set.of());
        assertEquals("2 connections watching 2 paths\nTotal watches:3\n", render(FourLetterWord.WCHS));
    }

    @Test
    void wchcListsPathsPerSessionSorted() {
        view.watches.put(0x11L, new LinkedHashSet<>(List.of("/z", "/a")));
        view.watches.put(0x10L, Set.of("/a"));
        assertEquals("0x10\n\t/a\n0x11\n\t/a\n\t/z\n\n", render(FourLetterWord.WCHC));
    }

    @Test
    void wchpListsSessionsPerPathSorted() {
        view.watches.put(0x11L, Set.of("/z", "/a"));
        view.watches.put(0x10L, Set.of("/a"));
        assertEquals("/a\n\t0x10\n\t0x11\n/z\n\t0x11\n\n", render(FourLetterWord.WCHP));
    }

    @Test
    void dumpListsExpiryBucketsAndEphemerals() {
        long t1 = Instant.parse("2025-01-02T03:04:06Z").toEpochMilli();
        long t0 = Instant.parse("2025-01-02T03:04:04Z").toEpochMilli();
        view.buckets.add(new ExpiryBucket(t1, List.of(0x12L, 0x11L)));
        view.buckets.add(new ExpiryBucket(t0, List.of(0x10L)));
        view.ephemerals.put(0x11L, new LinkedHashSet<>(List.of("/lock/b", "/lock/a")));
        assertEquals("""
                SessionTracker dump:
                Session Sets (2)/(3):
                1 expire at Thu Jan 02 03:04:04 UTC 2025:
                \t0x10
                2 expire at Thu Jan 02 03:04:06 UTC 2025:
                \t0x11
                \t0x12
                ephemeral nodes dump:
                Sessions with Ephemerals (1):
                0x11:
                \t/lock/a
                \t/lock/b
                Connections dump:
                """, render(FourLetterWord.DUMP));
    }

    @Test
    void currentVersionMimicsZooKeeperFullVersion() {
        String full = ServerVersion.current().fullVersion();
        assertTrue(full.matches("3\\.9\\.3-warden-0\\.1\\.0, built on (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC|unknown)"),
                full);
    }
}
