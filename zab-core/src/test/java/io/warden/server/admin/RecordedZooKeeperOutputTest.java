package io.warden.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Feeds the fake view the state a real ZooKeeper 3.9.3 standalone server had when we probed it
 * (one client session with two ephemerals and data watches on /e and /x, plus the probing
 * connection itself) and expects the byte-identical text that server answered.
 */
class RecordedZooKeeperOutputTest {

    private static final long SID = 0x1000020f9480000L;
    /** ZooKeeper printed its git revision where we print "warden-0.1.0"; everything else must match. */
    private static final String ZK_VERSION = "3.9.3-warden-0.1.0, built on 2024-10-17 23:21 UTC";

    private final FakeServerView view = new FakeServerView();

    RecordedZooKeeperOutputTest() {
        view.version = new ServerVersion("3.9.3", "0.1.0", "2024-10-17 23:21 UTC");
        view.stats = new ServerStats(new LatencyStats(1, 17.0 / 3, 19), 7, 7, 0);
        view.zxid = 3;
        view.nodeCount = 7;
        view.connections.add(new ConnectionInfo(new InetSocketAddress("127.0.0.1", 59510), 0, 0, 1, 0,
                Optional.empty()));
        view.connections.add(new ConnectionInfo(new InetSocketAddress("127.0.0.1", 59508), 1, 0, 6, 6,
                Optional.of(new ConnectionInfo.SessionDetails(SID, "GETC", 1795321606051L, 30000, 5, 3, 2173657,
                        2, 0, 5, 19))));
        view.watches.put(SID, new LinkedHashSet<>(List.of("/x", "/e")));
        view.ephemerals.put(SID, Set.of("/e2", "/e"));
        view.buckets.add(new ExpiryBucket(Instant.parse("2026-11-22T04:27:16Z").toEpochMilli(), List.of(SID)));
    }

    private String render(FourLetterWord word) {
        return FourLetterWords.render(word, view, Whitelist.all());
    }

    @Test
    void statIsByteIdentical() {
        assertEquals("Zookeeper version: " + ZK_VERSION + "\nClients:\n"
                + " /127.0.0.1:59510[0](queued=0,recved=1,sent=0)\n"
                + " /127.0.0.1:59508[1](queued=0,recved=6,sent=6)\n\n"
                + "Latency min/avg/max: 1/5.6667/19\nReceived: 7\nSent: 7\nConnections: 2\nOutstanding: 0\n"
                + "Zxid: 0x3\nMode: standalone\nNode count: 7\n", render(FourLetterWord.STAT));
    }

    @Test
    void consIsByteIdentical() {
        assertEquals(" /127.0.0.1:59510[0](queued=0,recved=1,sent=0)\n"
                + " /127.0.0.1:59508[1](queued=0,recved=6,sent=6,sid=0x1000020f9480000,lop=GETC,est=1795321606051,"
                + "to=30000,lcxid=0x5,lzxid=0x3,lresp=2173657,llat=2,minlat=0,avglat=5,maxlat=19)\n\n",
                render(FourLetterWord.CONS));
    }

    @Test
    void watchWordsAreByteIdentical() {
        assertEquals("1 connections watching 2 paths\nTotal watches:2\n", render(FourLetterWord.WCHS));
        assertEquals("0x1000020f9480000\n\t/e\n\t/x\n\n", render(FourLetterWord.WCHC));
        assertEquals("/e\n\t0x1000020f9480000\n/x\n\t0x1000020f9480000\n\n", render(FourLetterWord.WCHP));
    }

    @Test
    void dumpMatchesUpToTheNioOnlyConnectionSection() {
        assertEquals("SessionTracker dump:\nSession Sets (1)/(1):\n1 expire at Sun Nov 22 04:27:16 UTC 2026:\n"
                + "\t0x1000020f9480000\nephemeral nodes dump:\nSessions with Ephemerals (1):\n0x1000020f9480000:\n"
                + "\t/e\n\t/e2\nConnections dump:\n", render(FourLetterWord.DUMP));
    }

    @Test
    void emptyServerWatchWordsAreByteIdentical() {
        view.watches.clear();
        assertEquals("0 connections watching 0 paths\nTotal watches:0\n", render(FourLetterWord.WCHS));
        assertEquals("\n", render(FourLetterWord.WCHC));
        assertEquals("\n", render(FourLetterWord.WCHP));
    }
}
