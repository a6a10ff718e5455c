package io.warden.server.admin;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The four-letter words a client may send instead of a ConnectRequest. A 4lw connection is
 * recognised by its first four bytes read as a big-endian int (the position of a frame length);
 * their ASCII values exceed any allowed frame length, so they cannot be mistaken for a real frame.
 *
 * <p>Wiring contract: read the first 4 bytes; if {@link #fromInt(int)} returns a word, write
 * {@link FourLetterWords#render} as ASCII, flush and close the connection ({@link #TELNET_CLOSE}
 * renders nothing: just close). Otherwise treat the int as the ConnectRequest frame length.
 */
public enum FourLetterWord {
    RUOK("ruok"),
    SRVR("srvr"),
    STAT("stat"),
    MNTR("mntr"),
    CONF("conf"),
    CONS("cons"),
    CRST("crst"),
    SRST("srst"),
    ENVI("envi"),
    WCHS("wchs"),
    WCHC("wchc"),
    WCHP("wchp"),
    DUMP("dump"),
    ISRO("isro"),
    DIRS("dirs"),
    /** What telnet sends on Ctrl-C / close (IAC IP IAC DO): close the connection quietly. */
    TELNET_CLOSE(0xfff4fffd, "telnet-close");

    private static final Map<Integer, FourLetterWord> BY_CODE = new HashMap<>();
    private static final Map<String, FourLetterWord> BY_NAME = new HashMap<>();

    static {
        for (FourLetterWord w : values()) {
            BY_CODE.put(w.code, w);
            BY_NAME.put(w.word, w);
        }
    }

    private final int code;
    private final String word;

    FourLetterWord(String word) {
        this(toInt(word), word);
    }

    FourLetterWord(int code, String word) {
        this.code = code;
        this.word = word;
    }

    private static int toInt(String word) {
        byte[] b = word.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** The command for the first four bytes of a connection (big-endian), if they form one. */
    public static Optional<FourLetterWord> fromInt(int firstFourBytes) {
        return Optional.ofNullable(BY_CODE.get(firstFourBytes));
    }

    /** The command with this name (case-insensitive), e.g. for whitelists; never TELNET_CLOSE's pseudo-name. */
    public static Optional<FourLetterWord> fromName(String name) {
        FourLetterWord w = BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        return w == TELNET_CLOSE ? Optional.empty() : Optional.ofNullable(w);
    }

    /** The four bytes as a big-endian int, as they arrive in place of a frame length. */
    public int code() {
        return code;
    }

    /** The command as typed, e.g. {@code "ruok"}. */
    public String word() {
        return word;
    }
}
