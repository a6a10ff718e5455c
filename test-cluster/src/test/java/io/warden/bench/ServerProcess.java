package io.warden.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A ZooKeeper or Warden server running standalone in its own JVM, with a fresh data directory and a
 * free port, started from a generated zoo.cfg (fsync on). Stopped through its {@link Process} handle:
 * destroy (SIGTERM), then destroyForcibly after a deadline.
 *
 * <p>Not thread-safe; owned by the benchmark's main thread.
 */
final class ServerProcess implements AutoCloseable, Meters.ServerProbe {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final ServerKind kind;
    private final Path dir;
    private final int port;
    private final Process process;
    private final boolean keepDir;

    private ServerProcess(ServerKind kind, Path dir, int port, Process process, boolean keepDir) {
        this.kind = kind;
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.keepDir = keepDir;
    }

    /** Starts a server and blocks until {@code ruok} and {@code srvr} say it serves; fails with its log tail otherwise. */
    static ServerProcess start(ServerKind kind, BenchSettings settings) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(settings.baseDir(), "warden-bench-" + kind.name().toLowerCase() + "-");
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, zooCfg(dataDir, port), StandardCharsets.UTF_8);
        Path log = dir.resolve("server.log");
        Process process = new ProcessBuilder(command(kind, settings, cfg, dir))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(kind, dir, port, process, settings.keepDirs());
        try {
            server.awaitServing();
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.stop();
            System.err.println("kept the failed " + kind.label() + " start-up's files in " + dir);
            throw e;
        }
        return server;
    }

    /** The same config for both servers: standalone, fsync on (ZooKeeper's default, spelled out). */
    static String zooCfg(Path dataDir, int port) {
        return String.join("\n",
                "tickTime=2000",
                "dataDir=" + dataDir.toAbsolutePath(),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "maxClientCnxns=0",
                "forceSync=yes",
                "admin.enableServer=false",
                "4lw.commands.whitelist=*",
                "");
    }

    private static List<String> command(ServerKind kind, BenchSettings settings, Path cfg, Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms" + settings.serverHeap());
        cmd.add("-Xmx" + settings.serverHeap());
        cmd.add("-XX:+UseG1GC");
        cmd.add("-Xlog:gc:file=" + dir.resolve("gc.log").toAbsolutePath()); // kept with -Dbench.keep=true
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.addAll(kind.jvmFlags());
        cmd.addAll(settings.serverJvmOpts());
        cmd.add("-cp");
        // Both servers start from the benchmark's own (test) classpath, so both are the versions built here.
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(kind.mainClass());
        cmd.add(cfg.toAbsolutePath().toString());
        return cmd;
    }

    private static int freePort() throws IOException {
        // Bind 0, close, reuse: a small race with other processes, acceptable for a benchmark.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitServing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind.label() + " exited with " + process.exitValue() + " during start-up"
                        + logSummary());
            }
            // ZooKeeper answers ruok as soon as its port is open but drops sessions until it serves;
            // srvr says so explicitly.
            if ("imok".equals(fourLetterWord("ruok"))) {
                String srvr = fourLetterWord("srvr");
                if (srvr != null && srvr.contains("Mode:")) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling with a deadline
        }
        throw new IOException(kind.label() + " did not serve within " + START_TIMEOUT.toSeconds() + " s" + logSummary());
    }

    /** Sends a four-letter word; returns the answer, or null if the server is not reachable. */
    String fourLetterWord(String word) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }

    ServerKind kind() {
        return kind;
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    /** CPU (user + system) the server process has used so far, if the OS reports it. */
    @Override
    public OptionalLong cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(d -> OptionalLong.of(d.toNanos()))
                .orElse(OptionalLong.empty());
    }

    /** {@code write_bytes} from {@code /proc/<pid>/io} (Linux; our own child, so readable). */
    @Override
    public OptionalLong writeBytes() {
        return ProcFs.writeBytes(process.pid());
    }

    /** The file system type of the data directory, e.g. "ext4"; fsync on "tmpfs" costs nothing. */
    String fileSystemType() {
        return ProcFs.fileSystemType(dir);
    }

    /** The first error line of the server's log (the cause, usually) and the log's path. */
    private String logSummary() {
        Path log = dir.resolve("server.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String first = lines.stream()
                    .filter(l -> l.contains("Exception") || l.contains("Error") || l.contains("ERROR"))
                    .findFirst().orElse(lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1));
            return ": " + first.trim() + " (log: " + log + ")";
        } catch (IOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after a deadline) and deletes its directory unless kept. */
    @Override
    public void close() throws InterruptedException {
        stop();
        if (keepDir) {
            System.err.println("kept " + kind.label() + " data and log in " + dir);
        } else {
            deleteTree(dir);
        }
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println("warning: " + kind.label() + " (pid " + process.pid()
                    + ") ignored SIGTERM for " + STOP_TIMEOUT + ", killing it");
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete " + root + ": " + e.getMessage());
        }
    }
}
