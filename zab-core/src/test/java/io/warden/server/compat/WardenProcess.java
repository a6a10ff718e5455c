package io.warden.server.compat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Warden server in its own JVM ({@code io.warden.server.WardenMain zoo.cfg}, on this test's classpath),
 * so that it can be killed with SIGKILL. The port is found by binding port 0 and releasing it; a start
 * that loses that race is retried on a new port. Not thread-safe.
 */
final class WardenProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path dataDir;
    private final Path log;
    private Process process;
    private int port;
    private int starts;

    private WardenProcess(Path dir) {
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.log = dir.resolve("server.log");
    }

    /** Starts a server whose dataDir is {@code dir/data}; waits until it answers ruok. */
    static WardenProcess start(Path dir) throws Exception {
        Files.createDirectories(dir);
        WardenProcess p = new WardenProcess(dir);
        p.launch(freePort());
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch(int wantedPort) throws Exception {
        int candidate = wantedPort;
        for (int attempt = 0; attempt < 5; attempt++) {
            int logStart = logText().length();
            if (tryLaunch(candidate)) {
                return;
            }
            String thisStart = logText().substring(Math.min(logStart, logText().length()));
            if (!thisStart.contains("Address already in use") && !thisStart.contains("BindException")) {
                throw new IllegalStateException("Warden process exited with " + process.exitValue()
                        + " during start-up; log:\n" + logTail());
            }
            candidate = freePort();
        }
        throw new IllegalStateException("could not start Warden on a free port; log:\n" + logTail());
    }

    /** @return true when the server answers ruok; false if the process died during start-up */
    private boolean tryLaunch(int candidatePort) throws Exception {
        port = candidatePort;
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, String.join("\n",
                "tickTime=200",
                "dataDir=" + dataDir.toAbsolutePath(),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "4lw.commands.whitelist=*",
                ""));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                "io.warden.server.WardenMain", cfg.toAbsolutePath().toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        starts++;
        Files.writeString(log, "---- start " + starts + " on port " + port + " ----\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = pb.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if ("imok".equals(RawZkSocket.fourLetterWord(port, "ruok"))) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Poll.pause();
        }
        kill();
        throw new IllegalStateException("Warden process did not answer ruok within " + START_TIMEOUT + "; log:\n" + logTail());
    }

    int port() {
        return port;
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** SIGKILL, then wait for the process to be gone. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
            }
        }
    }

    /** Starts again from the same dataDir, on the same port if it is still free. */
    void restart() throws Exception {
        kill();
        launch(port);
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String logTail() {
        String text = logText();
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
