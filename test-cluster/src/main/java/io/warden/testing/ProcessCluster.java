package io.warden.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An ensemble of Warden servers, one JVM each, started from generated {@code zoo.cfg} and
 * {@code myid} files (under {@code <base>/conf}, logs under {@code <base>/logs}), for kill -9 and
 * SIGSTOP tests. Peer links go through the same proxies as {@link TestingCluster}, so the
 * partition calls work here too.
 *
 * <p>Processes are controlled by PID only. Thread-safe: lifecycle calls are serialised by a lock.
 * {@link #start()} and {@link #restart} block until each started server answers on its client
 * port (not until a leader is elected; see {@link #awaitEnsemble}).
 */
public final class ProcessCluster extends Ensemble {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ReentrantLock lock = new ReentrantLock();
    private final ServerLauncher launcher;
    private final Map<Integer, WardenProcess> processes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Lays out the ensemble; call {@link #start()}. */
    public ProcessCluster(ClusterOptions options, ServerLauncher launcher) throws IOException {
        super(new EnsembleLayout(options, "warden-process-cluster-"));
        this.launcher = launcher;
        try {
            for (InstanceSpec s : layout.specs()) {
                ZooCfgWriter.write(layout.config(s.id()), zooCfg(s.id()));
            }
        } catch (IOException | RuntimeException e) {
            layout.close();
            throw e;
        }
    }

    /** The zoo.cfg server {@code id} runs from. */
    public Path zooCfg(int id) {
        return layout.base().resolve("conf").resolve("zoo-" + layout.spec(id).id() + ".cfg");
    }

    public Path log(int id) {
        return layout.base().resolve("logs").resolve("server-" + layout.spec(id).id() + ".log");
    }

    /** Launches every server that is not running, then waits until each answers. */
    public void start() throws IOException {
        lock.lock();
        try {
            checkOpen();
            for (InstanceSpec s : layout.specs()) {
                if (!isRunning(s.id())) {
                    launch(s.id());
                }
            }
            for (InstanceSpec s : layout.specs()) {
                awaitAnsweringOrMove(s.id());
            }
        } finally {
            lock.unlock();
        }
    }

    private void launch(int id) throws IOException {
        Files.createDirectories(zooCfg(id).getParent());
        processes.put(id, WardenProcess.start(launcher, zooCfg(id), log(id)));
    }

    /** Waits for server {@code id}; if it died because a port was taken, moves it to fresh ports and relaunches. */
    private void awaitAnsweringOrMove(int id) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                awaitAnswering(id);
                return;
            } catch (IOException e) {
                if (attempt >= 5 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
                layout.moveToFreshPorts(id);
                ZooCfgWriter.write(layout.config(id), zooCfg(id));
                launch(id);
            }
        }
    }

    private void awaitAnswering(int id) throws IOException {
        WardenProcess p = processes.get(id);
        int port = layout.spec(id).serverClientPort();
        boolean ok = EnsembleLayout.poll(START_TIMEOUT, () -> !p.isAlive()
                || FourLetterWordClient.send(port, "ruok", EnsembleLayout.PROBE_TIMEOUT).isPresent());
        if (!p.isAlive() || !ok) {
            throw new IOException("server " + id + " (pid " + p.pid() + ") "
                    + (p.isAlive() ? "did not answer within " + START_TIMEOUT : "exited") + "; log " + p.log()
                    + ":\n" + p.logTail(40));
        }
    }

    /** The process of server {@code id}, if launched and alive. */
    public java.util.Optional<WardenProcess> process(int id) {
        layout.spec(id);
        return java.util.Optional.ofNullable(processes.get(id)).filter(WardenProcess::isAlive);
    }

    public boolean isRunning(int id) {
        return process(id).isPresent();
    }

    /** SIGKILL server {@code id}; blocks until it is gone. @return false if it was not running */
    public boolean kill9(int id) {
        WardenProcess p = processes.remove(id);
        if (p == null || !p.isAlive()) {
            return false;
        }
        p.kill9();
        return true;
    }

    /** SIGSTOP server {@code id}. */
    public void sigstop(int id) throws IOException {
        process(id).orElseThrow(() -> new IllegalStateException("server " + id + " is not running")).sigstop();
    }

    /** SIGCONT server {@code id}. */
    public void sigcont(int id) throws IOException {
        process(id).orElseThrow(() -> new IllegalStateException("server " + id + " is not running")).sigcont();
    }

    /** Kills server {@code id} if running, starts it again from the same zoo.cfg and data, waits until it answers. */
    public void restart(int id) throws IOException {
        lock.lock();
        try {
            checkOpen();
            kill9(id);
            launch(id);
            awaitAnsweringOrMove(id);
        } finally {
            lock.unlock();
        }
    }

    /** SIGTERM every server (SIGKILL after a grace period); data and ports are kept. */
    public void stop() {
        lock.lock();
        try {
            for (int id : List.copyOf(processes.keySet())) {
                WardenProcess p = processes.remove(id);
                if (p != null) {
                    p.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    Collection<Integer> runningIds() {
        return processes.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    @Override
    boolean frozen(int id) {
        WardenProcess p = processes.get(id);
        return p != null && p.isStopped();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
    }

    /** Stops every process, closes the proxies, deletes what the cluster created. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            layout.close();
        } finally {
            lock.unlock();
        }
    }
}
