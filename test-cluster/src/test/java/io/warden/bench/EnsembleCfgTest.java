package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;
import io.warden.server.config.ZooCfgParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleCfgTest {
    private static final EnsembleSettings SETTINGS = EnsembleSettings.from(new Properties());
    private static final List<EnsembleCfg.Member> MEMBERS =
            EnsembleCfg.members(3, List.of(10001, 10002, 10003, 10011, 10012, 10013, 10021, 10022, 10023));

    @Test
    void membersTakeThreePortsEachInOrder() {
        assertEquals(new EnsembleCfg.Member(2, 10011, 10012, 10013), MEMBERS.get(1));
        assertEquals("127.0.0.1:10021", MEMBERS.get(2).connectString());
        assertEquals("server.3=127.0.0.1:10022:10023", MEMBERS.get(2).serverLine());
    }

    @Test
    void membersRejectAWrongNumberOfPortsOrADuplicate() {
        assertThrows(IllegalArgumentException.class, () -> EnsembleCfg.members(3, List.of(1, 2, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> EnsembleCfg.members(1, List.of(10001, 10002, 10001)));
    }

    @Test
    void renderNamesEveryMemberAndOnlyTheOwnClientPortWithFsyncOn(@TempDir Path dir) {
        String cfg = EnsembleCfg.render(MEMBERS, MEMBERS.get(1), dir, SETTINGS);
        List<String> lines = cfg.lines().toList();
        assertTrue(lines.containsAll(List.of("tickTime=2000", "initLimit=10", "syncLimit=5", "clientPort=10011",
                "forceSync=yes", "4lw.commands.whitelist=*", "server.1=127.0.0.1:10002:10003",
                "server.2=127.0.0.1:10012:10013", "server.3=127.0.0.1:10022:10023")), cfg);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("clientPort=")).count());
    }

    @Test
    void renderRefusesAServerThatIsNotAMember(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> EnsembleCfg.render(MEMBERS,
                new EnsembleCfg.Member(4, 1, 2, 3), dir, SETTINGS));
    }

    @Test
    void wardenReadsTheRenderedFileAsThisMemberOfTheEnsemble(@TempDir Path dir) throws Exception {
        Path cfg = write(dir, MEMBERS.get(2));
        ServerConfig config = new ZooCfgParser(w -> { }).load(cfg);
        assertEquals(3, config.serverId());
        assertEquals(10021, config.clientPort());
        assertEquals(2000, config.tickTime());
        assertEquals(List.of(10002L, 10012L, 10022L),
                config.servers().stream().map(p -> (long) p.quorumPort()).toList());
        assertEquals(List.of(1L, 2L, 3L), config.servers().stream().map(PeerSpec::id).toList());
    }

    @Test
    void zooKeeperReadsTheSameFileAsTheSameMember(@TempDir Path dir) throws Exception {
        Path cfg = write(dir, MEMBERS.get(2));
        QuorumPeerConfig config = new QuorumPeerConfig();
        config.parse(cfg.toString());
        assertEquals(3, config.getServerId());
        assertEquals(10021, config.getClientPortAddress().getPort());
        assertEquals(2000, config.getTickTime());
        assertEquals(5, config.getSyncLimit());
        assertEquals(3, config.getServers().size());
    }

    private static Path write(Path dir, EnsembleCfg.Member self) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("myid"), EnsembleCfg.myid(self), StandardCharsets.UTF_8);
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, EnsembleCfg.render(MEMBERS, self, data, SETTINGS), StandardCharsets.UTF_8);
        return cfg;
    }
}
