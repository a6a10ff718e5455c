package io.warden.server.admin;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Helpers for the parts of a {@link ServerView} that come from the JVM and the OS. These read
 * system properties and MXBeans, so they are not pure; the renderers stay pure by getting the
 * results through the view.
 */
public final class EnvironmentInfo {

    private static final long MB = 1024 * 1024;

    private EnvironmentInfo() {
    }

    /**
     * The envi lines in ZooKeeper's order: zookeeper.version, host.name, java.*, os.*, user.*,
     * os.memory.*. May do a DNS lookup for host.name: call at start-up and cache, or off the event loop.
     */
    public static Map<String, String> capture(ServerVersion version) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("zookeeper.version", version.fullVersion());
        env.put("host.name", hostName());
        for (String key : new String[] {"java.version", "java.vendor", "java.home", "java.class.path",
                "java.library.path", "java.io.tmpdir", "java.compiler", "os.name", "os.arch", "os.version",
                "user.name", "user.home", "user.dir"}) {
            env.put(key, System.getProperty(key, "<NA>"));
        }
        Runtime rt = Runtime.getRuntime();
        env.put("os.memory.free", rt.freeMemory() / MB + "MB");
        env.put("os.memory.max", rt.maxMemory() / MB + "MB");
        env.put("os.memory.total", rt.totalMemory() / MB + "MB");
        return env;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "<NA>";
        }
    }

    /** Open file descriptors, on Unix-like JVMs. */
    public static OptionalLong openFileDescriptorCount() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getOpenFileDescriptorCount());
        }
        return OptionalLong.empty();
    }

    /** File descriptor limit, on Unix-like JVMs. */
    public static OptionalLong maxFileDescriptorCount() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}
