package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four-letter words on the client port, answered in ZooKeeper's format, and the whitelist. */
class FourLetterWordsOverSocketTest extends CompatTestBase {

    @Test
    void ruokAnswersImokWithoutNewline() throws Exception {
        assertEquals("imok", RawZkSocket.fourLetterWord(server.port(), "ruok"));
    }

    @Test
    void srvrReportsStandaloneModeAndTheZxidAndNodeCount() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/n", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        long zxid = zk.exists("/n", false).getCzxid();
        String srvr = RawZkSocket.fourLetterWord(server.port(), "srvr");
        assertTrue(srvr.startsWith("Zookeeper version: "), srvr);
        assertTrue(srvr.contains("\nMode: standalone\n"), srvr);
        assertTrue(srvr.contains("\nZxid: 0x" + Long.toHexString(zxid) + "\n"), srvr);
        assertTrue(srvr.contains("\nNode count: 6\n"), "root counted twice, as ZooKeeper does: " + srvr);
    }

    @Test
    void mntrListsTabSeparatedKeysStartingWithVersionAndState() throws Exception {
        connect();
        String mntr = RawZkSocket.fourLetterWord(server.port(), "mntr");
        String[] lines = mntr.split("\n");
        assertTrue(lines[0].startsWith("zk_version\t"), mntr);
        assertEquals("zk_server_state\tstandalone", lines[1]);
        assertTrue(mntr.contains("\nzk_num_alive_connections\t"), mntr);
        assertTrue(mntr.contains("\nzk_znode_count\t"), mntr);
        for (String line : lines) {
            assertTrue(line.startsWith("zk_") && line.indexOf('\t') > 0, "bad mntr line: " + line);
        }
    }

    @Test
    void statConsAndIsroWork() throws Exception {
        connect();
        String stat = RawZkSocket.fourLetterWord(server.port(), "stat");
        assertTrue(stat.contains("Clients:\n"), stat);
        assertTrue(stat.contains("Mode: standalone"), stat);
        String cons = RawZkSocket.fourLetterWord(server.port(), "cons");
        assertTrue(cons.contains("sid=0x"), cons);
        assertEquals("rw", RawZkSocket.fourLetterWord(server.port(), "isro"));
    }

    @Test
    void wordsOutsideTheWhitelistAreRefusedButSrvrIsAlwaysAllowed(@TempDir Path other) throws Exception {
        try (WardenTestServer restricted = WardenTestServer.start(other, b -> b.fourLetterWordWhitelist(Set.of("ruok")))) {
            assertEquals("imok", RawZkSocket.fourLetterWord(restricted.port(), "ruok"));
            assertEquals("mntr is not executed because it is not in the whitelist.\n",
                    RawZkSocket.fourLetterWord(restricted.port(), "mntr"));
            assertEquals("stat is not executed because it is not in the whitelist.\n",
                    RawZkSocket.fourLetterWord(restricted.port(), "stat"));
            assertTrue(RawZkSocket.fourLetterWord(restricted.port(), "srvr").contains("Mode: standalone"));
        }
    }
}
