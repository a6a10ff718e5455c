package io.warden.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.server.config.ServerConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FourLetterWordTest {

    private static int firstFourBytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)).getInt();
    }

    @Test
    void ruokIsDetectedFromItsBigEndianInt() {
        assertEquals(1920298859, firstFourBytes("ruok"));
        assertEquals(Optional.of(FourLetterWord.RUOK), FourLetterWord.fromInt(1920298859));
    }

    @Test
    void everyWordRoundTripsThroughItsBytes() {
        for (String w : List.of("ruok", "srvr", "stat", "mntr", "conf", "cons", "crst", "srst", "envi", "wchs",
                "wchc", "wchp", "dump", "isro", "dirs")) {
            FourLetterWord word = FourLetterWord.fromInt(firstFourBytes(w)).orElseThrow();
            assertEquals(w, word.word());
            assertEquals(Optional.of(word), FourLetterWord.fromName(w.toUpperCase()));
        }
    }

    @Test
    void telnetCloseCodeIsRecognised() {
        assertEquals(Optional.of(FourLetterWord.TELNET_CLOSE), FourLetterWord.fromInt(0xfff4fffd));
        assertEquals(Optional.empty(), FourLetterWord.fromName("telnet-close"));
    }

    @Test
    void ordinaryFrameLengthsAndUnsupportedWordsAreNotFourLetterWords() {
        assertEquals(Optional.empty(), FourLetterWord.fromInt(44));
        assertEquals(Optional.empty(), FourLetterWord.fromInt(0));
        assertEquals(Optional.empty(), FourLetterWord.fromInt(-1));
        assertEquals(Optional.empty(), FourLetterWord.fromInt(firstFourBytes("stmk")));
        assertEquals(Optional.empty(), FourLetterWord.fromName("nope"));
    }

    @Test
    void defaultWhitelistAllowsOnlySrvr() {
        Whitelist w = Whitelist.defaultWhitelist();
        assertTrue(w.allows(FourLetterWord.SRVR));
        assertFalse(w.allows(FourLetterWord.RUOK));
        assertFalse(w.allows(FourLetterWord.MNTR));
        assertTrue(w.allows(FourLetterWord.TELNET_CLOSE));
    }

    @Test
    void whitelistFromNamesAddsSrvrAndIgnoresUnknownNames() {
        Whitelist w = Whitelist.of(List.of("ruok", " Mntr ", "bogus", ""));
        assertEquals(Set.of(FourLetterWord.SRVR, FourLetterWord.TELNET_CLOSE, FourLetterWord.RUOK,
                FourLetterWord.MNTR), w.words());
        assertFalse(w.allows(FourLetterWord.DUMP));
    }

    @Test
    void starAllowsEveryWord() {
        Whitelist w = Whitelist.of(List.of("ruok", "*"));
        for (FourLetterWord word : FourLetterWord.values()) {
            assertTrue(w.allows(word), word.word());
        }
    }

    @Test
    void whitelistFollowsTheServerConfig() {
        Whitelist w = Whitelist.from(ServerConfig.defaults().withFourLetterWordWhitelist(Set.of("stat")));
        assertTrue(w.allows(FourLetterWord.STAT));
        assertTrue(w.allows(FourLetterWord.SRVR));
        assertFalse(w.allows(FourLetterWord.CONS));
    }
}
