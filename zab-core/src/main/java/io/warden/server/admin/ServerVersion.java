package io.warden.server.admin;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The version string the 4lw report.
 *
 * <p>Why it mimics ZooKeeper: monitoring (exporters, Nagios/Zabbix checks, admin UIs) parses
 * {@code "Zookeeper version: X.Y.Z-<rev>, built on <date>"} and {@code zk_version}, taking the
 * text before the first {@code '-'} as the ZooKeeper release to decide which metrics exist.
 * So we report the ZooKeeper release whose protocol and 4lw output we match, and put Warden's
 * own version where ZooKeeper puts its git revision: {@code 3.9.3-warden-0.1.0, built on ...}.
 *
 * @param zookeeperCompat the ZooKeeper release Warden is compatible with
 * @param warden          Warden's own version
 * @param builtOn         build date, {@code yyyy-MM-dd HH:mm UTC} like ZooKeeper's
 */
public record ServerVersion(String zookeeperCompat, String warden, String builtOn) {

    public static final String ZOOKEEPER_COMPAT = "3.9.3";
    public static final String WARDEN = "0.1.0";
    private static final DateTimeFormatter BUILT_ON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public ServerVersion {
        Objects.requireNonNull(zookeeperCompat, "zookeeperCompat");
        Objects.requireNonNull(warden, "warden");
        Objects.requireNonNull(builtOn, "builtOn");
    }

    /**
     * This build's version; the build date is the modification time of the jar (or class
     * directory) this class was loaded from, "unknown" if that cannot be read. Touches the file
     * system once: call at start-up, not per request.
     */
    public static ServerVersion current() {
        return new ServerVersion(ZOOKEEPER_COMPAT, WARDEN, buildDate());
    }

    /** Formats an instant the way ZooKeeper prints its build date. */
    public static String formatBuildDate(Instant instant) {
        return BUILT_ON.format(instant);
    }

    private static String buildDate() {
        try {
            CodeSource source = ServerVersion.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return "unknown";
            }
            Path location = Path.of(source.getLocation().toURI());
            return formatBuildDate(Files.getLastModifiedTime(location).toInstant());
        } catch (URISyntaxException | RuntimeException | java.io.IOException e) {
            return "unknown";
        }
    }

    /** {@code 3.9.3-warden-0.1.0, built on 2025-01-31 12:00 UTC}: what follows "Zookeeper version: ". */
    public String fullVersion() {
        return zookeeperCompat + "-warden-" + warden + ", built on " + builtOn;
    }
}
