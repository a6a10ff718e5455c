package io.warden.server.config;

import java.util.Locale;
import java.util.Optional;

/** Whether an ensemble member votes (participant) or only follows the log (observer). */
public enum PeerRole {
    PARTICIPANT,
    OBSERVER;

    /** The spelling used in zoo.cfg server lines ({@code participant} / {@code observer}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the zoo.cfg spelling, case-insensitively. */
    public static Optional<PeerRole> fromConfigName(String name) {
        for (PeerRole role : values()) {
            if (role.configName().equalsIgnoreCase(name.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
