package io.warden.bench;

import io.warden.testing.FourLetterWordClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A ZooKeeper or Warden ensemble, one JVM per member on this machine, each started from its own
 * generated zoo.cfg and myid ({@link EnsembleCfg}) with a fresh data directory and ports chosen at
 * run time; clients connect straight to the members (no proxies). Members are stopped by PID:
 * {@link #kill9} is {@code Process.destroyForcibly} (SIGKILL), {@link #close} SIGTERM then SIGKILL.
 *
 * <p>As a {@link Meters.ServerProbe} it reports the CPU and disk writes of all running members summed.
 * Not thread-safe; owned by the benchmark's main thread. Probes block up to {@link #PROBE_TIMEOUT} each.
 */
final class EnsembleProcess implements AutoCloseable, Meters.ServerProbe {
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final ServerKind kind;
    private final BenchSettings settings;
    private final Path dir;
    private final List<EnsembleCfg.Member> members;
    private final Map<Integer, Process> running = new LinkedHashMap<>();

    private EnsembleProcess(ServerKind kind, BenchSettings settings, Path dir, List<EnsembleCfg.Member> members) {
        this.kind = kind;
        this.settings = settings;
        this.dir = dir;
        this.members = members;
    }

    /** Writes every member's config, launches them all and blocks until the ensemble is whole. */
    static EnsembleProcess start(ServerKind kind, BenchSettings settings, EnsembleSettings ensemble)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(settings.baseDir(),
                "warden-bench-ensemble-" + kind.name().toLowerCase(Locale.ROOT) + "-");
        List<EnsembleCfg.Member> members = EnsembleCfg.members(ensemble.size(),
                EnsembleCfg.freePorts(3 * ensemble.size()));
        EnsembleProcess e = new EnsembleProcess(kind, settings, dir, members);
        try {
            for (EnsembleCfg.Member m : members) {
                Path data = Files.createDirectories(e.memberDir(m.id()).resolve("data"));
                Files.writeString(data.resolve("myid"), EnsembleCfg.myid(m), StandardCharsets.UTF_8);
                Files.writeString(e.zooCfg(m.id()), EnsembleCfg.render(members, m, data, ensemble),
                        StandardCharsets.UTF_8);
            }
            for (EnsembleCfg.Member m : members) {
                e.launch(m.id());
            }
            e.awaitWhole(START_TIMEOUT);
        } catch (IOException | RuntimeException | InterruptedException ex) {
            e.stopAll();
            System.err.println("kept the failed " + kind.label() + " ensemble's files in " + dir);
            throw ex;
        }
        return e;
    }

    ServerKind kind() {
        return kind;
    }

    List<EnsembleCfg.Member> members() {
        return members;
    }

    EnsembleCfg.Member member(int id) {
        return members.stream().filter(m -> m.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + id));
    }

    /** Every member, comma-separated, starting at the {@code rotate}-th one (spreads clients' first pick). */
    String connectString(int rotate) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            hosts.add(members.get((i + rotate) % members.size()).connectString());
        }
        return String.join(",", hosts);
    }

    private Path memberDir(int id) {
        return dir.resolve("server-" + id);
    }

    private Path zooCfg(int id) {
        return memberDir(id).resolve("zoo.cfg");
    }

    private Path log(int id) {
        return memberDir(id).resolve("server.log");
    }

    private void launch(int id) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms" + settings.serverHeap());
        cmd.add("-Xmx" + settings.serverHeap());
        cmd.add("-XX:+UseG1GC");
        cmd.add("-Xlog:gc:file=" + memberDir(id).resolve("gc.log").toAbsolutePath()); // kept with -Dbench.keep=true
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.addAll(kind.jvmFlags());
        cmd.addAll(settings.serverJvmOpts());
        cmd.add("-cp");
        // Both systems start from the benchmark's own (test) classpath, so both are the versions built here.
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(kind.ensembleMainClass());
        cmd.add(zooCfg(id).toAbsolutePath().toString());
        Process p = new ProcessBuilder(cmd)
                .directory(memberDir(id).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()))
                .start();
        running.put(id, p);
    }

    boolean isRunning(int id) {
        Process p = running.get(id);
        return p != null && p.isAlive();
    }

    /** Member {@code id}'s {@code srvr} status; empty when it is down or not serving. */
    Optional<SrvrStatus> status(int id) {
        if (!isRunning(id)) {
            return Optional.empty();
        }
        return FourLetterWordClient.send(member(id).clientPort(), "srvr", PROBE_TIMEOUT).flatMap(SrvrStatus::parse);
    }

    /** The one running member whose Mode is leader; empty if none or several say so. */
    Optional<Integer> leader() {
        List<Integer> leaders = members.stream().map(EnsembleCfg.Member::id)
                .filter(id -> status(id).filter(SrvrStatus::isLeader).isPresent()).toList();
        return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    /** True when every member runs and is leader or follower, with exactly one leader. */
    boolean isWhole() {
        int leaders = 0;
        for (EnsembleCfg.Member m : members) {
            Optional<SrvrStatus> s = status(m.id());
            if (s.isEmpty() || !s.get().inEnsemble()) {
                return false;
            }
            leaders += s.get().isLeader() ? 1 : 0;
        }
        return leaders == 1;
    }

    /** Polls until {@link #isWhole()}; fails with each member's Mode and log tail after {@code timeout}. */
    void awaitWhole(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isWhole()) {
            for (EnsembleCfg.Member m : members) {
                Process p = running.get(m.id());
                if (p != null && !p.isAlive()) {
                    throw new IOException(kind.label() + " server." + m.id() + " exited with " + p.exitValue()
                            + ": " + logTail(m.id()));
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(kind.label() + " ensemble not whole within " + timeout.toSeconds() + " s; modes "
                        + modes() + "; log of server." + members.get(0).id() + ": " + logTail(members.get(0).id()));
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling with a deadline
        }
    }

    /** Each member's Mode ("down" / "?" when not serving), for messages. */
    Map<Integer, String> modes() {
        Map<Integer, String> out = new TreeMap<>();
        for (EnsembleCfg.Member m : members) {
            out.put(m.id(), isRunning(m.id()) ? status(m.id()).map(SrvrStatus::mode).orElse("?") : "down");
        }
        return out;
    }

    /**
     * SIGKILL member {@code id} and wait until it is gone.
     *
     * @return {@link System#nanoTime()} taken just before the signal was sent
     */
    long kill9(int id) throws InterruptedException {
        Process p = running.remove(id);
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("server." + id + " is not running");
        }
        long t = System.nanoTime();
        p.destroyForcibly();
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("server." + id + " (pid " + p.pid() + ") survived SIGKILL");
        }
        return t;
    }

    /** Starts a killed member again from its zoo.cfg and data; does not wait for it to serve. */
    void restart(int id) throws IOException {
        if (isRunning(id)) {
            throw new IllegalStateException("server." + id + " is still running");
        }
        launch(id);
    }

    @Override
    public OptionalLong cpuNanos() {
        long sum = 0;
        for (Process p : running.values()) {
            Optional<Duration> cpu = p.toHandle().info().totalCpuDuration();
            if (cpu.isEmpty()) {
                return OptionalLong.empty();
            }
            sum += cpu.get().toNanos();
        }
        return OptionalLong.of(sum);
    }

    @Override
    public OptionalLong writeBytes() {
        long sum = 0;
        for (Process p : running.values()) {
            OptionalLong w = ProcFs.writeBytes(p.pid());
            if (w.isEmpty()) {
                return w;
            }
            sum += w.getAsLong();
        }
        return OptionalLong.of(sum);
    }

    /** The file system type of the data directories; fsync on tmpfs costs nothing. */
    String fileSystemType() {
        return ProcFs.fileSystemType(dir);
    }

    private String logTail(int id) {
        try {
            List<String> lines = Files.readAllLines(log(id), StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 15), lines.size()).stream()
                    .collect(Collectors.joining("\n  ", "\n  ", "\n(log: " + log(id) + ")"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void stopAll() throws InterruptedException {
        for (Process p : running.values()) {
            p.destroy();
        }
        for (Map.Entry<Integer, Process> e : running.entrySet()) {
            Process p = e.getValue();
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("warning: " + kind.label() + " server." + e.getKey() + " (pid " + p.pid()
                        + ") ignored SIGTERM, killing it");
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        running.clear();
    }

    /** Stops every member (SIGTERM, then SIGKILL) and deletes the data unless {@code bench.keep}. */
    @Override
    public void close() throws InterruptedException {
        stopAll();
        if (settings.keepDirs()) {
            System.err.println("kept " + kind.label() + " ensemble data and logs in " + dir);
        } else {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("warning: could not delete " + root + ": " + e.getMessage());
        }
    }
}
