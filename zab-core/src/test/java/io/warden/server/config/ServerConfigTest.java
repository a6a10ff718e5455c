package io.warden.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void embeddedDefaultsListenOnLoopback2181WithDataInDataFolder() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals(InetAddress.getLoopbackAddress(), c.clientAddress().getAddress());
        assertEquals(2181, c.clientAddress().getPort());
        assertEquals(Path.of("data"), c.dataDir());
        assertEquals(Path.of("data"), c.dataLogDir());
        assertEquals(4000, c.minSessionTimeout());
        assertEquals(40000, c.maxSessionTimeout());
        assertEquals(Set.of("srvr"), c.fourLetterWordWhitelist());
        assertTrue(c.isStandalone());
    }

    @Test
    void withClientPortZeroKeepsEverythingElse() {
        ServerConfig c = ServerConfig.defaults().withClientPort(0);
        assertEquals(0, c.clientPort());
        assertEquals(ServerConfig.defaults().withClientPort(0), c);
        assertEquals(ServerConfig.defaults().dataDir(), c.dataDir());
    }

    @Test
    void withDataDirMovesTheLogDirOnlyWhenItWasTheSame() {
        ServerConfig shared = ServerConfig.defaults().withDataDir(Path.of("/x"));
        assertEquals(Path.of("/x"), shared.dataLogDir());
        ServerConfig apart = ServerConfig.builder().dataLogDir(Path.of("/logs")).build().withDataDir(Path.of("/x"));
        assertEquals(Path.of("/logs"), apart.dataLogDir());
    }

    @Test
    void toBuilderKeepsDerivedTimeoutsDerived() {
        ServerConfig c = ServerConfig.defaults().toBuilder().tickTime(100).build();
        assertEquals(200, c.minSessionTimeout());
        assertEquals(2000, c.maxSessionTimeout());
        ServerConfig explicit = ServerConfig.builder().minSessionTimeout(1000).build().toBuilder().tickTime(100).build();
        assertEquals(1000, explicit.minSessionTimeout());
    }

    @Test
    void nullClientPortAddressMeansAllInterfaces() {
        ServerConfig c = ServerConfig.defaults().withClientPortAddress(null);
        assertEquals(Optional.empty(), c.clientPortAddress());
        assertTrue(c.clientAddress().getAddress().isAnyLocalAddress());
    }

    @Test
    void whitelistIsNormalisedAndAlwaysHoldsSrvr() {
        ServerConfig c = ServerConfig.defaults().withFourLetterWordWhitelist(Set.of(" RUOK ", "mntr"));
        assertEquals(Set.of("srvr", "ruok", "mntr"), c.fourLetterWordWhitelist());
    }

    @Test
    void invalidValuesAreRejectedByTheRecord() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().tickTime(0).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().clientPort(65536).build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().minSessionTimeout(5000).maxSessionTimeout(4000).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().snapRetainCount(2).build());
    }

    @Test
    void serverIdMustBeOneOfTheServers() {
        PeerSpec one = new PeerSpec(1, "a", 2888, 3888, PeerRole.PARTICIPANT, Optional.empty());
        PeerSpec two = new PeerSpec(2, "b", 2888, 3888, PeerRole.PARTICIPANT, Optional.empty());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().servers(List.of(one, two)).serverId(3).build());
        assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().servers(List.of(one, one)).serverId(1).build());
        ServerConfig ok = ServerConfig.builder().servers(List.of(one, two)).serverId(2).build();
        assertEquals(two, ok.self().orElseThrow());
    }

    @Test
    void peerSpecRejectsEqualQuorumAndElectionPorts() {
        assertThrows(IllegalArgumentException.class,
                () -> new PeerSpec(1, "a", 2888, 2888, PeerRole.PARTICIPANT, Optional.empty()));
    }
}
