package io.warden.server.admin;

import io.warden.server.config.ServerConfig;
import java.util.Map;

/**
 * Renders the answer to a four-letter word, in ZooKeeper 3.9's text format so that existing
 * monitoring parses it unchanged.
 *
 * <p>Pure functions of the {@link ServerView} (no clock, no system properties), except that
 * {@code crst} and {@code srst} call the view's reset methods. Thread-safe; never blocks beyond
 * what the view's methods do.
 */
public final class FourLetterWords {

    /** What most words answer while the server does not serve (starting, electing, stopping). */
    public static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";

    private FourLetterWords() {
    }

    /**
     * The complete text to write back before closing the connection. Empty for
     * {@link FourLetterWord#TELNET_CLOSE} (close without writing). A word the whitelist does not
     * allow gets {@code "<word> is not executed because it is not in the whitelist.\n"}.
     */
    public static String render(FourLetterWord word, ServerView view, Whitelist whitelist) {
        if (word == FourLetterWord.TELNET_CLOSE) {
            return "";
        }
        if (!whitelist.allows(word)) {
            return word.word() + " is not executed because it is not in the whitelist.\n";
        }
        return switch (word) {
            case RUOK -> "imok";
            case ISRO -> isro(view);
            case ENVI -> envi(view);
            default -> view.isServing() ? renderServing(word, view) : NOT_SERVING;
        };
    }

    private static String renderServing(FourLetterWord word, ServerView view) {
        return switch (word) {
            case SRVR -> StatText.srvr(view);
            case STAT -> StatText.stat(view);
            case CONS -> StatText.cons(view);
            case MNTR -> MonitorText.mntr(view);
            case CONF -> conf(view);
            case DIRS -> "datadir_size: " + view.dataDirSize() + "\nlogdir_size: " + view.logDirSize() + "\n";
            case CRST -> {
                view.resetConnectionStats();
                yield "Connection stats reset.\n";
            }
            case SRST -> {
                view.resetServerStats();
                yield "Server stats reset.\n";
            }
            case WCHS -> WatchText.summary(view.watchesBySession());
            case WCHC -> WatchText.bySession(view.watchesBySession());
            case WCHP -> WatchText.byPath(view.watchesBySession());
            case DUMP -> WatchText.dump(view.sessionExpiryBuckets(), view.ephemeralsBySession());
            case RUOK, ISRO, ENVI, TELNET_CLOSE -> throw new IllegalStateException("handled by render: " + word);
        };
    }

    private static String isro(ServerView view) {
        if (!view.isServing()) {
            return "null";
        }
        return view.mode() == ServerMode.READ_ONLY ? "ro" : "rw";
    }

    private static String envi(ServerView view) {
        StringBuilder sb = new StringBuilder("Environment:\n");
        for (Map.Entry<String, String> e : view.environment().entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    /** conf: ZooKeeper's key order; the quorum part only when there are server lines. */
    private static String conf(ServerView view) {
        ServerConfig c = view.config();
        StringBuilder sb = new StringBuilder();
        line(sb, "clientPort", c.clientPort());
        line(sb, "secureClientPort", -1);
        line(sb, "dataDir", c.dataDir().toAbsolutePath());
        line(sb, "dataDirSize", view.dataDirSize());
        line(sb, "dataLogDir", c.dataLogDir().toAbsolutePath());
        line(sb, "dataLogSize", view.logDirSize());
        line(sb, "tickTime", c.tickTime());
        line(sb, "maxClientCnxns", c.maxClientCnxns());
        line(sb, "minSessionTimeout", c.minSessionTimeout());
        line(sb, "maxSessionTimeout", c.maxSessionTimeout());
        line(sb, "clientPortListenBacklog", -1);
        line(sb, "serverId", c.serverId());
        c.self().filter(self -> !c.isStandalone()).ifPresent(self -> {
            line(sb, "initLimit", c.initLimit());
            line(sb, "syncLimit", c.syncLimit());
            line(sb, "electionAlg", 3);
            line(sb, "electionPort", self.electionPort());
            line(sb, "quorumPort", self.quorumPort());
            line(sb, "peerType", self.isParticipant() ? 0 : 1);
            sb.append("membership: \n");
            c.servers().forEach(p -> sb.append(p.toConfigLine()).append('\n'));
            sb.append("version=0\n");
        });
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, Object value) {
        sb.append(key).append('=').append(value).append('\n');
    }
}
