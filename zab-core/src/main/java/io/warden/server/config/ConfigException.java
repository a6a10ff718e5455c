package io.warden.server.config;

import java.util.Objects;

/**
 * A configuration that cannot be used. The message always names the source (file), the line
 * number when one line is to blame, and the reason, e.g. {@code "conf/zoo.cfg:12: tickTime: not a
 * number: 'abc'"}, so an operator can fix the file without reading code.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Line number used when the problem is not tied to one line (for example a missing key). */
    public static final int NO_LINE = 0;

    private final String source;
    private final int line;
    private final String reason;

    public ConfigException(String source, int line, String reason) {
        this(source, line, reason, null);
    }

    public ConfigException(String source, int line, String reason, Throwable cause) {
        super(format(source, line, reason), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A problem with the file as a whole (no single line to blame). */
    public static ConfigException forFile(String source, String reason) {
        return new ConfigException(source, NO_LINE, reason);
    }

    private static String format(String source, int line, String reason) {
        return line > 0 ? source + ":" + line + ": " + reason : source + ": " + reason;
    }

    /** The file (or other source name) the problem was found in. */
    public String source() {
        return source;
    }

    /** 1-based line number, or {@link #NO_LINE}. */
    public int line() {
        return line;
    }

    /** The reason alone, without source and line. */
    public String reason() {
        return reason;
    }
}
