package io.warden.server.compat;

import io.warden.server.WardenServer;
import io.warden.server.config.ServerConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged transaction logs after a kill -9: a torn tail is cut off and the server starts with every
 * acknowledged write; damage in the middle stops start-up with a message naming the file.
 */
@Timeout(120)
class CorruptLogTest {
    private static final int NODES = 40;

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** Runs a server process, writes NODES nodes with acknowledged creates, then kills it with SIGKILL. */
    private Path writeThenKill() throws Exception {
        WardenProcess process = WardenProcess.start(tmp.resolve("proc"));
        toClose.add(process);
        Events events = new Events();
        ZooKeeper zk = new ZooKeeper(process.connectString(), 4000, events);
        events.awaitState(org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected, Duration.ofSeconds(15));
        for (int i = 0; i < NODES; i++) {
            zk.create("/n" + i, new byte[]{(byte) i}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        process.kill();
        zk.close(1000);
        return process.dataDir();
    }

    private WardenTestServer startInProcess(Path dataDir) throws Exception {
        WardenTestServer s = WardenTestServer.start(dataDir);
        toClose.add(s);
        return s;
    }

    private ZooKeeper connect(WardenTestServer s) throws Exception {
        Events events = new Events();
        ZooKeeper zk = new ZooKeeper(s.connectString(), 4000, events);
        toClose.add(() -> zk.close(1000));
        events.awaitState(org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected);
        return zk;
    }

    private void assertAllNodesPresent(ZooKeeper zk) throws Exception {
        for (int i = 0; i < NODES; i++) {
            assertArrayEquals(new byte[]{(byte) i}, zk.getData("/n" + i, false, null), "/n" + i);
        }
    }

    /** Starts in-process on the damaged dir, checks the data, writes more, restarts and checks again. */
    private void assertRecoversAndStaysWritable(Path dataDir) throws Exception {
        WardenTestServer s = startInProcess(dataDir);
        ZooKeeper zk = connect(s);
        assertAllNodesPresent(zk);
        zk.create("/after", new byte[]{42}, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.close();
        s.restart(); // the cut tail must not hide writes made after the cut
        ZooKeeper again = connect(s);
        assertAllNodesPresent(again);
        assertArrayEquals(new byte[]{42}, again.getData("/after", false, null));
    }

    @Test
    void garbageAppendedToTheNewestLogIsTreatedAsATornTail() throws Exception {
        Path dataDir = writeThenKill();
        LogFiles.Segment newest = LogFiles.newestWithRecords(dataDir);
        Files.write(newest.path(), "\u0001garbage that is not a record\u0002".getBytes(), StandardOpenOption.APPEND);
        assertRecoversAndStaysWritable(dataDir);
    }

    @Test
    void aRecordTornMidWriteAtTheEndOfTheLogIsCutOff() throws Exception {
        Path dataDir = writeThenKill();
        LogFiles.Segment newest = LogFiles.newestWithRecords(dataDir);
        // a header promising 4000 bytes, a wrong CRC and only part of the payload, right after the last record
        ByteBuffer torn = ByteBuffer.allocate(16 + 100).putInt(4000).putInt(0xdeadbeef).putLong(Long.MAX_VALUE / 4);
        for (int i = 0; i < 100; i++) {
            torn.put((byte) (i + 1));
        }
        LogFiles.write(newest.path(), newest.dataEnd(), torn.array());
        assertRecoversAndStaysWritable(dataDir);
    }

    @Test
    void aDamagedRecordInTheMiddleOfALogStopsStartUpNamingTheFile() throws Exception {
        Path dataDir = writeThenKill();
        LogFiles.Segment target = LogFiles.segments(dataDir).stream()
                .max(java.util.Comparator.comparingInt(LogFiles.Segment::records)).orElseThrow();
        assertTrue(target.records() >= 3, "need records on both sides of the damage: " + target);
        long record = target.recordOffsets().get(target.records() / 2);
        long payloadByte = record + LogFiles.RECORD_HEADER;
        byte[] original = LogFiles.read(target.path(), payloadByte, 1);
        LogFiles.write(target.path(), payloadByte, new byte[]{(byte) ~original[0]});

        Exception e = assertThrows(Exception.class, () -> {
            WardenServer s = WardenServer.start(ServerConfig.builder().dataDir(dataDir).clientPort(0)
                    .clientPortAddress(InetAddress.getLoopbackAddress()).tickTime(WardenTestServer.TICK_MS).build());
            s.close(); // not reached when start-up refuses the damaged log
        });
        String messages = messages(e);
        assertTrue(messages.contains(target.path().getFileName().toString()),
                "start-up error should name " + target.path() + " but was: " + messages);
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append(" | ");
        }
        return sb.toString();
    }
}
