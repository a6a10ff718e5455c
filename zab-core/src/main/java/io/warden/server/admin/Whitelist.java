package io.warden.server.admin;

import io.warden.server.config.ServerConfig;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which four-letter words may run ({@code 4lw.commands.whitelist}). As in ZooKeeper, {@code srvr}
 * is always allowed and {@code *} allows every word; the telnet close code is always honoured.
 * Immutable and thread-safe.
 *
 * @param allowsAll true for {@code *}
 * @param words     the allowed words when not {@code allowsAll}
 */
public record Whitelist(boolean allowsAll, Set<FourLetterWord> words) {

    private static final Logger LOG = LoggerFactory.getLogger(Whitelist.class);

    public Whitelist {
        EnumSet<FourLetterWord> copy = EnumSet.of(FourLetterWord.SRVR, FourLetterWord.TELNET_CLOSE);
        copy.addAll(words);
        words = Set.copyOf(copy);
    }

    /** ZooKeeper's default: only srvr. */
    public static Whitelist defaultWhitelist() {
        return new Whitelist(false, Set.of());
    }

    /** Every word allowed ({@code *}). */
    public static Whitelist all() {
        return new Whitelist(true, Set.of());
    }

    /** From names as written in zoo.cfg; {@code *} allows all; unknown names are logged and ignored. */
    public static Whitelist of(Collection<String> names) {
        EnumSet<FourLetterWord> words = EnumSet.noneOf(FourLetterWord.class);
        for (String name : names) {
            if (name.trim().equals(ServerConfig.ALL_4LW)) {
                return all();
            }
            Optional<FourLetterWord> w = FourLetterWord.fromName(name);
            if (w.isPresent()) {
                words.add(w.get());
            } else if (!name.isBlank()) {
                LOG.warn("4lw.commands.whitelist: '{}' is not a four-letter word Warden knows; ignored", name.trim());
            }
        }
        return new Whitelist(false, words);
    }

    /** The whitelist a {@link ServerConfig} asks for. */
    public static Whitelist from(ServerConfig config) {
        return of(config.fourLetterWordWhitelist());
    }

    /** True if {@code word} may run. */
    public boolean allows(FourLetterWord word) {
        return allowsAll || words.contains(word);
    }
}
