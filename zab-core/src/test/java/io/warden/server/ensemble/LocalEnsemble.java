package io.warden.server.ensemble;

import io.warden.server.WardenServer;
import io.warden.server.config.PeerRole;
import io.warden.server.config.PeerSpec;
import io.warden.server.config.ServerConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * An in-process ensemble on 127.0.0.1: per-server ServerConfigs (the same server lines unless
 * {@link #peersByName()}), client
 * ports 0, quorum/election ports found free. Members are started, closed ("killed") and restarted
 * from their data dirs by id. Not thread-safe; test thread only.
 */
final class LocalEnsemble implements AutoCloseable {
    static final int TICK_MS = 100;

    private final Path dir;
    private final List<PeerSpec> specs = new ArrayList<>();
    private final Map<Long, WardenServer> running = new TreeMap<>();
    private int snapCount = ServerConfig.DEFAULT_SNAP_COUNT;
    private boolean peersByName;
    private int syncLimit = 5;
    private long handshakeHoldMs = ServerConfig.DEFAULT_HANDSHAKE_HOLD_MS;

    LocalEnsemble(Path dir, int voters, int observers) throws IOException {
        this.dir = dir;
        Set<Integer> taken = new HashSet<>();
        for (int i = 1; i <= voters + observers; i++) {
            specs.add(new PeerSpec(i, "127.0.0.1", freePort(taken), freePort(taken),
                    i <= voters ? PeerRole.PARTICIPANT : PeerRole.OBSERVER, Optional.empty()));
        }
    }

    private static int freePort(Set<Integer> taken) throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    /** syncLimit in ticks (default 5): how long a leader without a quorum keeps leading. */
    LocalEnsemble syncLimit(int ticks) {
        this.syncLimit = ticks;
        return this;
    }

    /** How long a member without a leader holds a client handshake. */
    LocalEnsemble handshakeHoldMs(long ms) {
        this.handshakeHoldMs = ms;
        return this;
    }

    LocalEnsemble snapCount(int count) {
        this.snapCount = count;
        return this;
    }

    /**
     * Every member names itself by IP and its peers as "localhost", as ops teams often write zoo.cfg:
     * the members' server lines then differ, yet they must behave as one ensemble.
     */
    LocalEnsemble peersByName() {
        this.peersByName = true;
        return this;
    }

    private List<PeerSpec> viewOf(long id) {
        if (!peersByName) {
            return specs;
        }
        return specs.stream().map(s -> s.id() == id ? s : new PeerSpec(s.id(), "localhost", s.quorumPort(),
                s.electionPort(), s.role(), s.clientAddress())).toList();
    }

    ServerConfig config(long id) {
        return ServerConfig.builder().tickTime(TICK_MS).initLimit(Math.max(10, syncLimit)).syncLimit(syncLimit)
                .dataDir(dir.resolve("server-" + id)).clientPortAddress(InetAddress.getLoopbackAddress())
                .clientPort(0).minSessionTimeout(2 * TICK_MS).maxSessionTimeout(4000)
                .snapCount(snapCount).handshakeHoldMs(handshakeHoldMs).fourLetterWordWhitelist(Set.of("*")).servers(viewOf(id)).serverId(id).build();
    }

    LocalEnsemble startAll() throws IOException {
        for (PeerSpec s : specs) {
            start(s.id());
        }
        return this;
    }

    /** Starts (or restarts from its data dir) one member; retries a few times if its port is taken. */
    WardenServer start(long id) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                WardenServer s = WardenServer.start(config(id));
                running.put(id, s);
                return s;
            } catch (IOException e) {
                last = e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw last;
    }

    void kill(long id) {
        WardenServer s = running.remove(id);
        if (s != null) {
            s.close();
        }
    }

    WardenServer server(long id) {
        return running.get(id);
    }

    Set<Long> runningIds() {
        return running.keySet();
    }

    EnsembleMember member(long id) {
        return running.get(id).ensemble().orElseThrow();
    }

    /** Waits for an established leader that every running learner follows; returns its id. */
    long awaitLeader() {
        long[] found = new long[1];
        until("an established leader followed by every running member", Duration.ofSeconds(20), () -> {
            List<Long> leaders = running.keySet().stream().filter(id -> member(id).isLeader()).toList();
            if (leaders.size() != 1) {
                return false;
            }
            found[0] = leaders.get(0);
            return running.keySet().stream().allMatch(id -> member(id).isServing()
                    && member(id).leaderId() == found[0]);
        });
        return found[0];
    }

    String connectString(long id) {
        return running.get(id).connectString();
    }

    String connectStringAll() {
        return running.keySet().stream().map(this::connectString).collect(Collectors.joining(","));
    }

    static void until(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError err = new AssertionError("timed out waiting for " + what);
                if (last != null) {
                    err.initCause(last);
                }
                throw err;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void close() {
        for (long id : new ArrayList<>(running.keySet())) {
            kill(id);
        }
    }
}
