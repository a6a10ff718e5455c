package io.warden.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooCfgParserTest {

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private ServerConfig parse(String text) throws ConfigException {
        return new ZooCfgParser(warnings::add).load(new StringReader(text), "zoo.cfg");
    }

    private ConfigException failure(String text) {
        return assertThrows(ConfigException.class, () -> parse(text));
    }

    private String dataDirLine() {
        return "dataDir=" + tmp + "\n";
    }

    @Test
    void minimalFileGetsZooKeeperDefaults() throws Exception {
        ServerConfig c = parse("dataDir=/var/lib/warden\n");
        assertEquals(2000, c.tickTime());
        assertEquals(10, c.initLimit());
        assertEquals(5, c.syncLimit());
        assertEquals(Path.of("/var/lib/warden"), c.dataDir());
        assertEquals(c.dataDir(), c.dataLogDir());
        assertEquals(2181, c.clientPort());
        assertEquals(Optional.empty(), c.clientPortAddress());
        assertTrue(c.clientAddress().getAddress().isAnyLocalAddress(), "absent clientPortAddress binds all interfaces");
        assertEquals(60, c.maxClientCnxns());
        assertEquals(4000, c.minSessionTimeout());
        assertEquals(40000, c.maxSessionTimeout());
        assertEquals(100_000, c.snapCount());
        assertEquals(3, c.snapRetainCount());
        assertEquals(1, c.purgeIntervalHours());
        assertEquals(Set.of("srvr"), c.fourLetterWordWhitelist());
        assertEquals(0xfffff, c.juteMaxBuffer());
        assertEquals(List.of(), c.servers());
        assertEquals(0, c.serverId());
        assertTrue(c.isStandalone());
        assertEquals(List.of(), warnings);
    }

    @Test
    void everyKnownKeyIsRead() throws Exception {
        ServerConfig c = parse(String.join("\n",
                "tickTime=500", "initLimit=7", "syncLimit=3", "dataDir=/d", "dataLogDir=/l", "clientPort=2999",
                "clientPortAddress=127.0.0.1", "maxClientCnxns=0", "minSessionTimeout=1500",
                "maxSessionTimeout=90000", "snapCount=1000", "autopurge.snapRetainCount=5",
                "autopurge.purgeInterval=0", "4lw.commands.whitelist=stat, ruok ,mntr", "jute.maxbuffer=0x400000"));
        assertEquals(500, c.tickTime());
        assertEquals(7, c.initLimit());
        assertEquals(3, c.syncLimit());
        assertEquals(Path.of("/l"), c.dataLogDir());
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 2999), c.clientAddress());
        assertEquals(0, c.maxClientCnxns());
        assertEquals(1500, c.minSessionTimeout());
        assertEquals(90000, c.maxSessionTimeout());
        assertEquals(1000, c.snapCount());
        assertEquals(5, c.snapRetainCount());
        assertEquals(0, c.purgeIntervalHours());
        assertEquals(Set.of("srvr", "stat", "ruok", "mntr"), c.fourLetterWordWhitelist());
        assertEquals(0x400000, c.juteMaxBuffer());
        assertEquals(List.of(), warnings);
    }

    @Test
    void sessionTimeoutDefaultsFollowTickTime() throws Exception {
        ServerConfig c = parse("tickTime=100\ndataDir=/d\nminSessionTimeout=-1\n");
        assertEquals(200, c.minSessionTimeout());
        assertEquals(2000, c.maxSessionTimeout());
    }

    @Test
    void commentsBlankLinesAndWhitespaceAreIgnored() throws Exception {
        ServerConfig c = parse("# a comment\n\n   \n! also a comment\n  tickTime =  3000  \n\tdataDir\t=\t/d  \n");
        assertEquals(3000, c.tickTime());
        assertEquals(Path.of("/d"), c.dataDir());
    }

    @Test
    void unknownKeyIsOnlyAWarningNamingFileAndLine() throws Exception {
        ServerConfig c = parse("dataDir=/d\nfrobnicate=yes\nstandaloneEnabled=false\n");
        assertEquals(2000, c.tickTime());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).startsWith("zoo.cfg:2: unknown key 'frobnicate'"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("zoo.cfg:3: 'standaloneEnabled' is not supported"), warnings.get(1));
    }

    @Test
    void repeatedKeyWarnsAndLastValueWins() throws Exception {
        ServerConfig c = parse("dataDir=/d\ntickTime=1000\ntickTime=3000\n");
        assertEquals(3000, c.tickTime());
        assertEquals(List.of("zoo.cfg:3: tickTime is also set on line 2; the last value wins"), warnings);
    }

    @Test
    void wildcardWhitelistAllowsEverything() throws Exception {
        ServerConfig c = parse("dataDir=/d\n4lw.commands.whitelist=*\n");
        assertTrue(c.fourLetterWordAllowed("mntr"));
        assertTrue(c.fourLetterWordAllowed("ruok"));
    }

    @Test
    void srvrIsAlwaysWhitelisted() throws Exception {
        ServerConfig c = parse("dataDir=/d\n4lw.commands.whitelist=ruok\n");
        assertTrue(c.fourLetterWordAllowed("srvr"));
        assertTrue(c.fourLetterWordAllowed("RUOK"));
        assertFalse(c.fourLetterWordAllowed("mntr"));
    }

    @Test
    void whitelistEntryThatIsNotFourLettersIsWarnedAndDropped() throws Exception {
        ServerConfig c = parse("dataDir=/d\n4lw.commands.whitelist=ruok, stats\n");
        assertEquals(Set.of("srvr", "ruok"), c.fourLetterWordWhitelist());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("zoo.cfg:2: 'stats'"), warnings.get(0));
    }

    @Test
    void lineWithoutEqualsIsAnErrorWithLineNumber() {
        ConfigException e = failure("dataDir=/d\n\ntickTime 2000\n");
        assertEquals("zoo.cfg", e.source());
        assertEquals(3, e.line());
        assertEquals("zoo.cfg:3: expected key=value, got 'tickTime 2000'", e.getMessage());
    }

    @Test
    void missingKeyBeforeEqualsIsAnError() {
        assertEquals(1, failure("=5\ndataDir=/d\n").line());
    }

    @Test
    void nonNumericNumberIsAnError() {
        ConfigException e = failure("dataDir=/d\ntickTime=2s\n");
        assertEquals("zoo.cfg:2: tickTime: not a number: '2s'", e.getMessage());
    }

    @Test
    void outOfRangeValuesAreErrors() {
        assertEquals("zoo.cfg:2: tickTime must be >= 1, got 0", failure("dataDir=/d\ntickTime=0\n").getMessage());
        assertEquals(2, failure("dataDir=/d\nclientPort=70000\n").line());
        assertEquals(2, failure("dataDir=/d\nclientPort=-1\n").line());
        assertEquals(2, failure("dataDir=/d\nmaxClientCnxns=-3\n").line());
        assertEquals(2, failure("dataDir=/d\nsnapCount=1\n").line());
        assertEquals(2, failure("dataDir=/d\nautopurge.purgeInterval=-1\n").line());
        assertEquals(2, failure("dataDir=/d\nautopurge.snapRetainCount=0\n").line());
        assertEquals(2, failure("dataDir=/d\njute.maxbuffer=0\n").line());
        assertEquals(2, failure("dataDir=/d\njute.maxbuffer=lots\n").line());
        assertEquals(2, failure("dataDir=/d\nminSessionTimeout=0\n").line());
        assertEquals(3, failure("dataDir=/d\ninitLimit=5\nsyncLimit=-2\n").line());
    }

    @Test
    void snapRetainCountBelowThreeIsRaisedToThreeWithAWarning() throws Exception {
        ServerConfig c = parse("dataDir=/d\nautopurge.snapRetainCount=1\n");
        assertEquals(3, c.snapRetainCount());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("zoo.cfg:2:"), warnings.get(0));
    }

    @Test
    void minSessionTimeoutAboveMaxIsAnErrorOnTheLaterLine() {
        ConfigException e = failure("dataDir=/d\nmaxSessionTimeout=5000\nminSessionTimeout=6000\n");
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("minSessionTimeout 6000 is larger than maxSessionTimeout 5000"), e.reason());
    }

    @Test
    void minSessionTimeoutAboveDerivedMaxIsAnError() {
        ConfigException e = failure("dataDir=/d\nminSessionTimeout=50000\n");
        assertEquals(2, e.line());
    }

    @Test
    void missingDataDirIsAnErrorForTheFile() {
        ConfigException e = failure("tickTime=2000\n");
        assertEquals(ConfigException.NO_LINE, e.line());
        assertEquals("zoo.cfg: dataDir is not set", e.getMessage());
    }

    @Test
    void emptyDataDirIsAnError() {
        assertEquals("zoo.cfg:1: dataDir: empty path", failure("dataDir=\n").getMessage());
    }

    @Test
    void unknownClientPortAddressIsAnError() {
        ConfigException e = failure("dataDir=/d\nclientPortAddress=no-such-host.invalid\n");
        assertEquals(2, e.line());
        assertTrue(e.reason().contains("unknown host"), e.reason());
    }

    @Test
    void serverLinesBecomePeerSpecsAndMyidIsRead() throws Exception {
        Files.writeString(tmp.resolve("myid"), "2\n");
        ServerConfig c = parse(dataDirLine()
                + "server.1=zk1:2888:3888\n"
                + "server.2=127.0.0.1:2889:3889:participant\n"
                + "server.3=zk3:2890:3890:observer;2183\n"
                + "server.4=[::1]:2891:3891;[::1]:2184\n");
        assertEquals(2, c.serverId());
        assertFalse(c.isStandalone());
        assertEquals(4, c.servers().size());
        PeerSpec one = c.servers().get(0);
        assertEquals(new PeerSpec(1, "zk1", 2888, 3888, PeerRole.PARTICIPANT, Optional.empty()), one);
        assertEquals(PeerRole.OBSERVER, c.servers().get(2).role());
        assertEquals(2183, c.servers().get(2).clientAddress().orElseThrow().getPort());
        assertEquals("::1", c.servers().get(3).host());
        assertEquals("::1", c.servers().get(3).clientAddress().orElseThrow().getHostString());
        assertEquals(c.servers().get(1), c.self().orElseThrow());
        assertEquals("server.3=zk3:2890:3890:observer;0.0.0.0:2183", c.servers().get(2).toConfigLine());
    }

    @Test
    void ownServerLineMaySupplyTheClientAddress() throws Exception {
        Files.writeString(tmp.resolve("myid"), "1");
        ServerConfig c = parse(dataDirLine() + "server.1=127.0.0.1:2888:3888;127.0.0.1:2500\nserver.2=h:2888:3888\n");
        assertEquals(2500, c.clientPort());
        assertEquals(Optional.of(InetAddress.getByName("127.0.0.1")), c.clientPortAddress());
    }

    @Test
    void ownServerLineClientPortConflictingWithClientPortIsAnError() throws Exception {
        Files.writeString(tmp.resolve("myid"), "1");
        ConfigException e = failure(dataDirLine() + "clientPort=2181\nserver.1=h1:2888:3888;2500\nserver.2=h:2888:3888\n");
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("differs from clientPort=2181 on line 2"), e.reason());
    }

    @Test
    void duplicateServerIdIsAnError() throws Exception {
        Files.writeString(tmp.resolve("myid"), "1");
        ConfigException e = failure(dataDirLine() + "server.1=a:2888:3888\nserver.01=b:2888:3888\n");
        assertEquals(3, e.line());
        assertEquals("duplicate server id 1 (already defined on line 2)", e.reason());
    }

    @Test
    void twoServersOnTheSameHostAndPortIsAnError() {
        ConfigException e = failure(dataDirLine() + "server.1=a:2888:3888\nserver.2=a:3888:3999\n");
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("a:3888 is already used by server.1"), e.reason());
    }

    @Test
    void badServerLinesAreErrorsWithTheirLine() {
        String[] bad = {
            "server.x=a:2888:3888", "server.-1=a:2888:3888", "server.1=a:2888", "server.1=a:2888:3888:voter",
            "server.1=a:port:3888", "server.1=a:2888:70000", "server.1=:2888:3888", "server.1=a:2888:2888",
            "server.1=a:2888:3888;", "server.1=a:2888:3888;h:x", "server.1=[::1:2888:3888",
            "server.1=a:2888:3888|b:2889:3889", "server.1=a:2888:3888:observer:extra"
        };
        for (String line : bad) {
            ConfigException e = failure(dataDirLine() + line + "\n");
            assertEquals(2, e.line(), line);
            assertTrue(e.getMessage().startsWith("zoo.cfg:2: server."), e.getMessage());
        }
    }

    @Test
    void singleServerLineWithoutMyidIsTakenAsThisServerWithAWarning() throws Exception {
        ServerConfig c = parse(dataDirLine() + "server.3=a:2888:3888\n");
        assertEquals(3, c.serverId());
        assertTrue(c.isStandalone());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("zoo.cfg:2: no "), warnings.get(0));
    }

    @Test
    void missingMyidFileIsAnErrorNamingTheFile() {
        ConfigException e = failure(dataDirLine() + "server.1=a:2888:3888\nserver.2=b:2888:3888\n");
        assertEquals(tmp.resolve("myid").toString(), e.source());
        assertTrue(e.reason().contains("myid file is missing"), e.reason());
    }

    @Test
    void nonNumericMyidIsAnError() throws IOException {
        Files.writeString(tmp.resolve("myid"), "one\n");
        ConfigException e = failure(dataDirLine() + "server.1=a:2888:3888\nserver.2=b:2888:3888\n");
        assertEquals(1, e.line());
        assertEquals(tmp.resolve("myid") + ":1: myid is not a number: 'one'", e.getMessage());
    }

    @Test
    void myidNotInServerListIsAnError() throws IOException {
        Files.writeString(tmp.resolve("myid"), "7");
        ConfigException e = failure(dataDirLine() + "server.1=a:2888:3888\nserver.2=b:2888:3888\n");
        assertEquals("zoo.cfg", e.source());
        assertTrue(e.reason().contains("myid 7") && e.reason().contains("[1, 2]"), e.reason());
    }

    @Test
    void parsingAFileUsesItsPathInMessages() throws IOException {
        Path cfg = tmp.resolve("zoo.cfg");
        Files.writeString(cfg, "dataDir=/d\ntickTime=abc\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ZooCfgParser.parse(cfg));
        assertEquals(cfg + ":2: tickTime: not a number: 'abc'", e.getMessage());
    }

    @Test
    void parsingAFileReturnsItsConfig() throws Exception {
        Path cfg = tmp.resolve("zoo.cfg");
        Files.writeString(cfg, "dataDir=" + tmp + "\nclientPort=0\n");
        ServerConfig c = ZooCfgParser.parse(cfg);
        assertEquals(0, c.clientPort());
        assertEquals(tmp, c.dataDir());
    }

    @Test
    void missingFileIsAnError() {
        Path cfg = tmp.resolve("absent.cfg");
        ConfigException e = assertThrows(ConfigException.class, () -> ZooCfgParser.parse(cfg));
        assertEquals(cfg + ": file not found", e.getMessage());
    }
}
