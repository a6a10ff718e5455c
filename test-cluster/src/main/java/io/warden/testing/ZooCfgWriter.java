package io.warden.testing;

import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Renders a {@link ServerConfig} as zoo.cfg text (and writes myid), for servers run as processes. */
public final class ZooCfgWriter {
    private ZooCfgWriter() {
    }

    /** The zoo.cfg lines that {@code ZooCfgParser} reads back as {@code config}. */
    public static String render(ServerConfig config) {
        List<String> lines = new ArrayList<>();
        lines.add("tickTime=" + config.tickTime());
        lines.add("initLimit=" + config.initLimit());
        lines.add("syncLimit=" + config.syncLimit());
        lines.add("dataDir=" + config.dataDir().toAbsolutePath());
        if (!config.dataLogDir().equals(config.dataDir())) {
            lines.add("dataLogDir=" + config.dataLogDir().toAbsolutePath());
        }
        config.clientPortAddress().ifPresent(a -> lines.add("clientPortAddress=" + a.getHostAddress()));
        lines.add("clientPort=" + config.clientPort());
        lines.add("maxClientCnxns=" + config.maxClientCnxns());
        lines.add("minSessionTimeout=" + config.minSessionTimeout());
        lines.add("maxSessionTimeout=" + config.maxSessionTimeout());
        lines.add("snapCount=" + config.snapCount());
        lines.add("autopurge.snapRetainCount=" + config.snapRetainCount());
        lines.add("autopurge.purgeInterval=" + config.purgeIntervalHours());
        lines.add("4lw.commands.whitelist=" + String.join(",", new TreeSet<>(config.fourLetterWordWhitelist())));
        lines.add("jute.maxbuffer=" + config.juteMaxBuffer());
        for (PeerSpec peer : config.servers()) {
            lines.add(peer.toConfigLine());
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * Writes {@code zoo.cfg} into {@code file} and, for an ensemble member, {@code myid} into the
     * data directory (created if missing). Blocks on I/O.
     */
    public static void write(ServerConfig config, Path file) throws IOException {
        Files.createDirectories(config.dataDir());
        if (!config.servers().isEmpty()) {
            Files.writeString(config.dataDir().resolve("myid"), config.serverId() + "\n", StandardCharsets.UTF_8);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(config), StandardCharsets.UTF_8);
    }
}
