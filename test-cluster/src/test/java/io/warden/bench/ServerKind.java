package io.warden.bench;

import java.util.List;
import java.util.Locale;

/** The two servers compared, and how each is started as a separate JVM from a zoo.cfg path. */
enum ServerKind {
    ZOOKEEPER("ZooKeeper", "org.apache.zookeeper.server.ZooKeeperServerMain",
            "org.apache.zookeeper.server.quorum.QuorumPeerMain",
            // extendedTypes: TTL nodes, which Warden has on by default; admin server: would bind :8080.
            List.of("-Dzookeeper.extendedTypesEnabled=true", "-Dzookeeper.admin.enableServer=false")),
    WARDEN("Warden", "io.warden.server.WardenMain", "io.warden.server.WardenMain", List.of());

    private final String label;
    private final String mainClass;
    private final String ensembleMainClass;
    private final List<String> jvmFlags;

    ServerKind(String label, String mainClass, String ensembleMainClass, List<String> jvmFlags) {
        this.label = label;
        this.mainClass = mainClass;
        this.ensembleMainClass = ensembleMainClass;
        this.jvmFlags = jvmFlags;
    }

    String label() {
        return label;
    }

    String mainClass() {
        return mainClass;
    }

    /** The main class that runs an ensemble member from a zoo.cfg with server.N lines and a myid file. */
    String ensembleMainClass() {
        return ensembleMainClass;
    }

    /** Server-specific JVM flags, added after the common ones. */
    List<String> jvmFlags() {
        return jvmFlags;
    }

    static ServerKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("zookeeper") || n.equals("zk")) {
            return ZOOKEEPER;
        }
        if (n.equals("warden")) {
            return WARDEN;
        }
        throw new IllegalArgumentException("unknown server '" + name + "' (expected zookeeper or warden)");
    }
}
