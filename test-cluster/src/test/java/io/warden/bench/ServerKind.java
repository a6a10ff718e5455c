package io.warden.bench;

import java.util.List;
import java.util.Locale;

/** The two servers compared, and how each is started as a separate JVM from a zoo.cfg path. */
enum ServerKind {
    ZOOKEEPER("ZooKeeper", "org.apache.zookeeper.server.ZooKeeperServerMain",
            // extendedTypes: TTL nodes, which Warden has on by default; admin server: would bind :8080.
            List.of("-Dzookeeper.extendedTypesEnabled=true", "-Dzookeeper.admin.enableServer=false")),
    WARDEN("Warden", "io.warden.server.WardenMain", List.of());

    private final String label;
    private final String mainClass;
    private final List<String> jvmFlags;

    ServerKind(String label, String mainClass, List<String> jvmFlags) {
        this.label = label;
        this.mainClass = mainClass;
        this.jvmFlags = jvmFlags;
    }

    String label() {
        return label;
    }

    String mainClass() {
        return mainClass;
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
