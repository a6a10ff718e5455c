package io.warden.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Warden server running in its own JVM, started from a zoo.cfg, with its output in a log
 * file. Controlled through its PID only: {@link #kill9()} (SIGKILL), {@link #sigstop()} /
 * {@link #sigcont()} ({@code kill -STOP/-CONT <pid>}), {@link #stop} (SIGTERM, then SIGKILL).
 *
 * <p>Thread-safe for the signal calls (the OS orders them); each blocks until its signal is sent
 * ({@code sigstop} until the process is frozen),
 * {@code kill9} and {@code stop} until the process is gone.
 */
public final class WardenProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private volatile boolean stopped;

    private WardenProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Launches {@code java ... WardenMain zooCfg}, output appended to {@code log}; does not wait for it to serve. */
    public static WardenProcess start(ServerLauncher launcher, Path zooCfg, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(launcher.command(zooCfg))
                .directory(zooCfg.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new WardenProcess(p, log);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True between {@link #sigstop()} and {@link #sigcont()}. */
    public boolean isStopped() {
        return stopped && isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL; blocks until the process is gone. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        stopped = false;
    }

    /**
     * SIGSTOP: the JVM freezes, its sockets stay open. Returns once every thread of the process is
     * stopped (read from {@code /proc} where there is one): the signal is delivered asynchronously,
     * and a thread still running could answer one more request after {@code kill} returned.
     */
    public void sigstop() throws IOException {
        signal("STOP");
        stopped = true;
        awaitFrozen(Duration.ofSeconds(10));
    }

    private void awaitFrozen(Duration limit) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return; // no procfs: nothing to observe
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (!allThreadsStopped(tasks)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("process " + pid() + " did not stop within " + limit);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(2); // polling a kernel state; nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for process " + pid() + " to stop", e);
            }
        }
    }

    /** True when no thread of the process is in a running or sleeping state ({@code T}/{@code t} in stat). */
    private static boolean allThreadsStopped(Path tasks) throws IOException {
        try (var threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // the thread ended
                }
                // "pid (comm) S ...": comm may hold spaces or parentheses, so read after the last ')'
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                if (state != 'T' && state != 't' && state != 'Z' && state != 'X') {
                    return false;
                }
            }
            return true;
        }
    }

    /** SIGCONT after {@link #sigstop()}. */
    public void sigcont() throws IOException {
        signal("CONT");
        stopped = false;
    }

    private void signal(String name) throws IOException {
        if (!isAlive()) {
            throw new IllegalStateException("process " + pid() + " is not running");
        }
        Process kill = new ProcessBuilder(List.of("kill", "-" + name, Long.toString(pid())))
                .redirectErrorStream(true).start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -" + name + " " + pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted sending SIG" + name, e);
        }
    }

    /** SIGTERM (the server's shutdown hook closes it cleanly), SIGKILL after {@code grace}; blocks until gone. */
    public void stop(Duration grace) {
        if (!isAlive()) {
            return;
        }
        if (stopped) {
            try {
                sigcont(); // a stopped JVM would hold SIGTERM until continued
            } catch (IOException | IllegalStateException ignored) {
                // it died meanwhile
            }
        }
        process.destroy();
        if (!awaitExit(grace)) {
            kill9();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@link #stop} with a 10 s grace. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
