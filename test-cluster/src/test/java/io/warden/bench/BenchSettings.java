package io.warden.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Knobs shared by the benchmarks, read once from {@code -Dbench.*} system properties in {@code main}
 * and passed down explicitly (no global static configuration).
 *
 * @param warmup         unmeasured load before each measured window ({@code bench.warmupSeconds},
 *                       default: the same as {@code bench.seconds})
 * @param measure        measured window ({@code bench.seconds}, default 10)
 * @param clients        sessions driving load ({@code bench.clients}, default 8)
 * @param window         outstanding async requests per session ({@code bench.window}, default 100)
 * @param payloadBytes   znode data size for create/setData ({@code bench.payload}, default 1024)
 * @param nodes          pre-created nodes that setData/getData cycle over ({@code bench.nodes}, default 1000)
 * @param reps           repetitions; the order of contenders alternates between them ({@code bench.reps}, default 1)
 * @param servers        servers compared by {@link ServerBenchmark} ({@code bench.servers}, default zookeeper,warden)
 * @param server         the one server the client-side benchmarks run against ({@code bench.server}, default zookeeper)
 * @param workloads      workloads to run ({@code bench.workloads}, default create,setData,getData)
 * @param lockContenders K values for {@link LockBenchmark} ({@code bench.lockClients}, default 1,4,16)
 * @param baseDir        where fresh server data directories are made ({@code bench.dir}, default java.io.tmpdir);
 *                       must be a real disk, fsync on tmpfs is free
 * @param serverHeap     -Xms/-Xmx of each server JVM ({@code bench.serverHeap}, default 2g)
 * @param serverJvmOpts  extra server JVM options, space separated ({@code bench.serverJvmOpts})
 * @param keepDirs       keep data directories and server logs after the run ({@code bench.keep}, default false)
 */
record BenchSettings(
        Duration warmup,
        Duration measure,
        int clients,
        int window,
        int payloadBytes,
        int nodes,
        int reps,
        List<ServerKind> servers,
        ServerKind server,
        List<Workload> workloads,
        List<Integer> lockContenders,
        Path baseDir,
        String serverHeap,
        List<String> serverJvmOpts,
        boolean keepDirs) {

    BenchSettings {
        requirePositive("bench.clients", clients);
        requirePositive("bench.window", window);
        requirePositive("bench.nodes", nodes);
        requirePositive("bench.reps", reps);
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("bench.payload must be >= 0, got " + payloadBytes);
        }
        if (measure.isZero() || measure.isNegative()) {
            throw new IllegalArgumentException("bench.seconds must be > 0, got " + measure);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("bench.warmupSeconds must be >= 0, got " + warmup);
        }
        if (servers.isEmpty() || workloads.isEmpty() || lockContenders.isEmpty()) {
            throw new IllegalArgumentException("bench.servers, bench.workloads and bench.lockClients must not be empty");
        }
        lockContenders.forEach(k -> requirePositive("bench.lockClients", k));
        if (!Files.isDirectory(baseDir)) {
            throw new IllegalArgumentException("bench.dir is not a directory: " + baseDir);
        }
        servers = List.copyOf(servers);
        workloads = List.copyOf(workloads);
        lockContenders = List.copyOf(lockContenders);
        serverJvmOpts = List.copyOf(serverJvmOpts);
    }

    /** Reads the settings from {@code props}; a malformed value fails with the property's name. */
    static BenchSettings from(Properties props) {
        double seconds = number(props, "bench.seconds", "10", Double::parseDouble);
        double warmupSeconds = number(props, "bench.warmupSeconds", Double.toString(seconds), Double::parseDouble);
        return new BenchSettings(
                seconds(warmupSeconds),
                seconds(seconds),
                number(props, "bench.clients", "8", Integer::parseInt),
                number(props, "bench.window", "100", Integer::parseInt),
                number(props, "bench.payload", "1024", Integer::parseInt),
                number(props, "bench.nodes", "1000", Integer::parseInt),
                number(props, "bench.reps", "1", Integer::parseInt),
                list(props, "bench.servers", "zookeeper,warden", ServerKind::parse),
                ServerKind.parse(props.getProperty("bench.server", "zookeeper")),
                list(props, "bench.workloads", "create,setData,getData", Workload::parse),
                list(props, "bench.lockClients", "1,4,16", Integer::parseInt),
                Path.of(props.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                props.getProperty("bench.serverHeap", "2g"),
                words(props.getProperty("bench.serverJvmOpts", "")),
                Boolean.parseBoolean(props.getProperty("bench.keep", "false")));
    }

    /** One line for the report header. */
    String describe() {
        return String.format(Locale.ROOT,
                "warm-up %ss, measured %ss, %d sessions x %d outstanding, payload %d B, %d nodes, %d rep(s), "
                        + "server heap %s, data under %s",
                warmup.toMillis() / 1000.0, measure.toMillis() / 1000.0, clients, window, payloadBytes, nodes, reps,
                serverHeap, baseDir);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static <T> T number(Properties props, String key, String dflt, Function<String, T> parse) {
        String raw = props.getProperty(key, dflt).trim();
        try {
            return parse.apply(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": cannot parse '" + raw + "'", e);
        }
    }

    private static <T> List<T> list(Properties props, String key, String dflt, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (String item : props.getProperty(key, dflt).split(",")) {
            if (!item.isBlank()) {
                try {
                    out.add(parse.apply(item.trim()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static List<String> words(String raw) {
        return raw.isBlank() ? List.of() : Arrays.asList(raw.trim().split("\\s+"));
    }
}
