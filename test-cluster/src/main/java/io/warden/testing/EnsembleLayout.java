package io.warden.testing;

import io.warden.server.config.PeerRole;
import io.warden.server.config.ServerConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * What both cluster kinds share: data directories, fixed ports, the proxy network, each server's
 * config (its own view of the peers) and the role probes. Thread-safe (immutable apart from the
 * network, which locks).
 */
final class EnsembleLayout implements AutoCloseable {
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final ClusterOptions options;
    private final Path base;
    private final boolean ownsBase;
    private final EnsembleNetwork network;

    EnsembleLayout(ClusterOptions options, String prefix) throws IOException {
        this.options = options;
        this.ownsBase = options.baseDirectory().isEmpty() && options.dataDirectories().isEmpty();
        this.base = options.baseDirectory().isPresent() ? Files.createDirectories(options.baseDirectory().get())
                : Files.createTempDirectory(prefix);
        int n = options.servers();
        try (Dirs.PortReservation reserved = Dirs.reservePorts(3 * n)) {
            // Held while the proxies bind port 0, so none of them takes a server's port.
            this.network = new EnsembleNetwork(layout(options, reserved.ports()));
        }
    }

    private List<EnsembleNetwork.RealPorts> layout(ClusterOptions options, List<Integer> ports) throws IOException {
        int n = options.servers();
        List<EnsembleNetwork.RealPorts> real = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i + 1;
            Path dir = options.dataDirectories().isEmpty() ? base.resolve("server-" + id)
                    : options.dataDirectories().get(i);
            Files.createDirectories(dir);
            PeerRole role = id > n - options.observers() ? PeerRole.OBSERVER : PeerRole.PARTICIPANT;
            real.add(new EnsembleNetwork.RealPorts(id, role, dir, ports.get(3 * i), ports.get(3 * i + 1),
                    ports.get(3 * i + 2)));
        }
        return real;
    }

    /** Moves server {@code id} to fresh ports (its old ones were taken by someone else); proxies follow. */
    void moveToFreshPorts(int id) {
        List<Integer> ports = Dirs.freePorts(3);
        InstanceSpec old = spec(id);
        network.rebind(new EnsembleNetwork.RealPorts(id, old.role(), old.dataDirectory(), ports.get(0), ports.get(1),
                ports.get(2)));
    }

    /** True if {@code e} or a cause says a port was in use. */
    static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    ClusterOptions options() {
        return options;
    }

    Path base() {
        return base;
    }

    EnsembleNetwork network() {
        return network;
    }

    List<InstanceSpec> specs() {
        return network.specs();
    }

    InstanceSpec spec(int id) {
        return network.spec(id);
    }

    /** Server {@code id}'s configuration: its own ports and data dir, its peers behind its link proxies. */
    ServerConfig config(int id) {
        InstanceSpec s = spec(id);
        ServerConfig.Builder b = ServerConfig.builder()
                .tickTime(options.tickTime()).initLimit(options.initLimit()).syncLimit(options.syncLimit())
                .maxSessionTimeout(60_000).maxClientCnxns(0).fourLetterWordWhitelist(Set.of("*"));
        b = options.serverConfig().apply(b);
        return b.dataDir(s.dataDirectory()).dataLogDir(null)
                .clientPortAddress(InetAddress.getLoopbackAddress()).clientPort(s.serverClientPort())
                .servers(network.viewOf(id)).serverId(id).build();
    }

    /** All client ports (through the proxies), comma-separated. */
    String connectString() {
        return specs().stream().map(InstanceSpec::connectString).collect(Collectors.joining(","));
    }

    /** {@code srvr}'s Mode of server {@code id}, asked on its own client port (a pause does not hide it). */
    Optional<String> mode(int id) {
        return FourLetterWordClient.mode(spec(id).serverClientPort(), PROBE_TIMEOUT);
    }

    /** The one server among {@code ids} whose Mode is leader; empty if none or several say so. */
    Optional<InstanceSpec> leader(Collection<Integer> ids) {
        List<Integer> leaders = ids.stream().filter(id -> mode(id).filter("leader"::equals).isPresent()).toList();
        return leaders.size() == 1 ? Optional.of(spec(leaders.get(0))) : Optional.empty();
    }

    /** True once every one of {@code ids} is leader, follower or observer, with exactly one leader. */
    boolean formed(Collection<Integer> ids) {
        int leaders = 0;
        for (int id : ids) {
            Optional<String> mode = mode(id);
            if (mode.isEmpty()) {
                return false;
            }
            String m = mode.get();
            if (m.equals("leader")) {
                leaders++;
            } else if (!m.equals("follower") && !m.equals("observer")) {
                return false;
            }
        }
        return leaders == 1;
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
    static boolean poll(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        network.close();
        if (ownsBase) {
            Dirs.deleteRecursively(base);
        }
    }
}
