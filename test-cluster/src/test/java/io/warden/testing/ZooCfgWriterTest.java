package io.warden.testing;

import io.warden.server.config.PeerRole;
import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;
import io.warden.server.config.ZooCfgParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ZooCfgWriterTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenEnsembleConfigParsesBackToTheSameConfig() throws Exception {
        ServerConfig config = ServerConfig.builder()
                .tickTime(150).initLimit(7).syncLimit(3).dataDir(dir.resolve("data"))
                .dataLogDir(dir.resolve("log")).clientPortAddress(InetAddress.getLoopbackAddress()).clientPort(12181)
                .maxClientCnxns(0).minSessionTimeout(400).maxSessionTimeout(50_000).snapCount(1000)
                .snapRetainCount(4).purgeIntervalHours(0).fourLetterWordWhitelist(Set.of("srvr", "mntr"))
                .juteMaxBuffer(4 << 20)
                .servers(List.of(
                        new PeerSpec(1, "127.0.0.1", 20001, 20002, PeerRole.PARTICIPANT, Optional.empty()),
                        new PeerSpec(2, "127.0.0.1", 20003, 20004, PeerRole.PARTICIPANT, Optional.empty()),
                        new PeerSpec(3, "127.0.0.1", 20005, 20006, PeerRole.OBSERVER, Optional.empty())))
                .serverId(2).build();
        Path cfg = dir.resolve("zoo.cfg");

        ZooCfgWriter.write(config, cfg);

        assertEquals("2", Files.readString(dir.resolve("data").resolve("myid")).strip());
        assertEquals(config, ZooCfgParser.parse(cfg));
    }
}
