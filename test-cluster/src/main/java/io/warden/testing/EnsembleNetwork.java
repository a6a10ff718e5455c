package io.warden.testing;

import io.warden.server.config.PeerRole;
import io.warden.server.config.PeerSpec;
import io.warden.testing.proxy.LinkState;
import io.warden.testing.proxy.ProxyGroup;
import io.warden.testing.proxy.TcpProxy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wiring of a test ensemble: one proxy per directed link and port kind (server i dials peer j
 * through proxy(i -> j), so every server gets its own view of the peer list) and one proxy in front
 * of each client port. Faults are the set of cut directed links and the set of paused servers; every
 * proxy's state is derived from them: cut = DROP, else an end paused = FREEZE, else FORWARD.
 *
 * <p>Thread-safe through a lock; fault methods block until every proxy has applied its new state.
 */
final class EnsembleNetwork implements AutoCloseable {
    enum PortKind { QUORUM, ELECTION }

    record Link(int from, int to, PortKind kind) {
    }

    private final ProxyGroup group = new ProxyGroup();
    private final Map<Integer, InstanceSpec> specs; // replaced entries only under lock
    private final Map<Link, TcpProxy> links = new LinkedHashMap<>();
    private final Map<Integer, TcpProxy> clients = new LinkedHashMap<>();
    private final Set<List<Integer>> cut = new HashSet<>(); // directed (from, to)
    private final Set<List<Integer>> silent = new HashSet<>(); // directed, cut without resets
    private final Set<Integer> paused = new HashSet<>();
    private final Object lock = new Object();

    /** @param real every member with its own (real) ports; client proxies are made here */
    EnsembleNetwork(List<RealPorts> real) {
        Map<Integer, InstanceSpec> out = new LinkedHashMap<>();
        for (RealPorts r : real) {
            TcpProxy client = group.open("client-" + r.id(), loopback(r.clientPort()));
            clients.put(r.id(), client);
            out.put(r.id(), new InstanceSpec(r.id(), r.role(), r.dataDirectory(), client.address().getPort(),
                    r.clientPort(), r.quorumPort(), r.electionPort()));
        }
        for (RealPorts from : real) {
            for (RealPorts to : real) {
                if (from.id() != to.id()) {
                    links.put(new Link(from.id(), to.id(), PortKind.QUORUM),
                            group.open(from.id() + "->" + to.id() + "/quorum", loopback(to.quorumPort())));
                    links.put(new Link(from.id(), to.id(), PortKind.ELECTION),
                            group.open(from.id() + "->" + to.id() + "/election", loopback(to.electionPort())));
                }
            }
        }
        this.specs = new java.util.concurrent.ConcurrentHashMap<>(out);
    }

    /** Server {@code r.id()} now listens on {@code r}'s ports: retarget its client proxy and every link to it. */
    void rebind(RealPorts r) {
        synchronized (lock) {
            InstanceSpec old = spec(r.id());
            clients.get(r.id()).retarget(loopback(r.clientPort()));
            for (Map.Entry<Link, TcpProxy> e : links.entrySet()) {
                if (e.getKey().to() == r.id()) {
                    e.getValue().retarget(loopback(e.getKey().kind() == PortKind.QUORUM ? r.quorumPort()
                            : r.electionPort()));
                }
            }
            specs.put(r.id(), new InstanceSpec(r.id(), old.role(), old.dataDirectory(), old.clientPort(),
                    r.clientPort(), r.quorumPort(), r.electionPort()));
        }
    }

    /** A member's own ports before proxies exist. */
    record RealPorts(int id, PeerRole role, java.nio.file.Path dataDirectory, int clientPort, int quorumPort,
                     int electionPort) {
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    List<InstanceSpec> specs() {
        return specs.values().stream().sorted(java.util.Comparator.comparingInt(InstanceSpec::id)).toList();
    }

    InstanceSpec spec(int id) {
        InstanceSpec s = specs.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no server " + id + "; ids are " + specs.keySet());
        }
        return s;
    }

    /**
     * Server {@code self}'s server lines: its own with its real ports (it binds them), every other
     * with the ports of the proxies on its links to that peer.
     */
    List<PeerSpec> viewOf(int self) {
        spec(self);
        List<PeerSpec> view = new ArrayList<>();
        for (InstanceSpec s : specs()) {
            int quorum = s.id() == self ? s.quorumPort() : proxy(self, s.id(), PortKind.QUORUM).address().getPort();
            int election = s.id() == self ? s.electionPort()
                    : proxy(self, s.id(), PortKind.ELECTION).address().getPort();
            view.add(new PeerSpec(s.id(), "127.0.0.1", quorum, election, s.role(), Optional.empty()));
        }
        return view;
    }

    TcpProxy proxy(int from, int to, PortKind kind) {
        TcpProxy p = links.get(new Link(from, to, kind));
        if (p == null) {
            throw new IllegalArgumentException("no link " + from + " -> " + to);
        }
        return p;
    }

    TcpProxy clientProxy(int id) {
        spec(id);
        return clients.get(id);
    }

    void cut(int from, int to) {
        spec(from);
        spec(to);
        if (from == to) {
            throw new IllegalArgumentException("a server cannot be partitioned from itself: " + from);
        }
        synchronized (lock) {
            cut.add(List.of(from, to));
            applyStates();
        }
    }

    void isolate(int id) {
        isolateInto(id, cut);
    }

    /** Like {@link #isolate} but nobody notices: open connections stay open and go quiet. */
    void isolateSilently(int id) {
        isolateInto(id, silent);
    }

    private void isolateInto(int id, Set<List<Integer>> cuts) {
        spec(id);
        synchronized (lock) {
            for (int other : specs.keySet()) {
                if (other != id) {
                    cuts.add(List.of(id, other));
                    cuts.add(List.of(other, id));
                }
            }
            applyStates();
        }
    }

    void heal() {
        synchronized (lock) {
            cut.clear();
            silent.clear();
            applyStates();
        }
    }

    void pause(int id, boolean on) {
        spec(id);
        synchronized (lock) {
            if (on) {
                paused.add(id);
            } else {
                paused.remove(id);
            }
            applyStates();
        }
    }

    boolean isPaused(int id) {
        synchronized (lock) {
            return paused.contains(id);
        }
    }

    private void applyStates() {
        for (Map.Entry<Link, TcpProxy> e : links.entrySet()) {
            Link l = e.getKey();
            List<Integer> directed = List.of(l.from(), l.to());
            LinkState want = cut.contains(directed) ? LinkState.DROP
                    : silent.contains(directed) ? LinkState.SILENT
                    : paused.contains(l.from()) || paused.contains(l.to()) ? LinkState.FREEZE : LinkState.FORWARD;
            if (e.getValue().state() != want) {
                e.getValue().state(want);
            }
        }
        for (Map.Entry<Integer, TcpProxy> e : clients.entrySet()) {
            LinkState want = paused.contains(e.getKey()) ? LinkState.FREEZE : LinkState.FORWARD;
            if (e.getValue().state() != want) {
                e.getValue().state(want);
            }
        }
    }

    @Override
    public void close() {
        group.close();
    }
}
