package io.warden.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every test ensemble offers: the layout (ids 1..n, fixed ports, data directories), role probes
 * through {@code srvr}, and network faults on the proxied peer links. Subclasses say which servers
 * run and how they are started and stopped.
 *
 * <p>Thread-safe. Probes block up to about half a second per server; fault calls block until every
 * proxy applied them.
 */
public abstract sealed class Ensemble implements AutoCloseable permits TestingCluster, ProcessCluster {
    final EnsembleLayout layout;

    Ensemble(EnsembleLayout layout) {
        this.layout = layout;
    }

    /** Ids of the servers that run now. */
    abstract Collection<Integer> runningIds();

    /** True if server {@code id} is frozen (its answers to probes mean nothing to its peers). */
    abstract boolean frozen(int id);

    /** All client ports, comma-separated, as clients should use them. */
    public String getConnectString() {
        return layout.connectString();
    }

    /** Every member, running or not, in id order. */
    public List<InstanceSpec> getServers() {
        return layout.specs();
    }

    /** @throws IllegalArgumentException for an unknown id */
    public InstanceSpec getInstance(int id) {
        return layout.spec(id);
    }

    /** Server {@code id}'s Mode ({@code leader}, {@code follower}, ...) from {@code srvr}; empty if down. */
    public Optional<String> mode(int id) {
        return layout.mode(id);
    }

    /** Each running server's Mode ({@code ?} when it does not answer), for failure messages. */
    public Map<Integer, String> modes() {
        Map<Integer, String> out = new TreeMap<>();
        for (int id : runningIds()) {
            out.put(id, mode(id).orElse("?"));
        }
        return out;
    }

    /** The one running server that says it leads; empty if none or several do. */
    public Optional<InstanceSpec> leader() {
        return layout.leader(runningIds());
    }

    /** Polls until {@link #leader()} finds one. @throws IllegalStateException after {@code timeout} */
    public InstanceSpec awaitLeader(Duration timeout) {
        AtomicReference<InstanceSpec> found = new AtomicReference<>();
        boolean ok = EnsembleLayout.poll(timeout, () -> {
            leader().ifPresent(found::set);
            return found.get() != null;
        });
        if (!ok) {
            throw new IllegalStateException("no single leader within " + timeout + "; modes: " + modes());
        }
        return found.get();
    }

    /**
     * Polls until every running, unfrozen server is leader, follower or observer, with exactly one
     * leader. @return false if that did not happen within {@code timeout}
     */
    public boolean awaitEnsemble(Duration timeout) {
        return EnsembleLayout.poll(timeout,
                () -> layout.formed(runningIds().stream().filter(id -> !frozen(id)).toList()));
    }

    /** Cuts both directions between {@code a} and {@code b} until {@link #heal()}. */
    public void partition(int a, int b) {
        layout.network().cut(a, b);
        layout.network().cut(b, a);
    }

    /** Cuts only what {@code from} sends to {@code to}; {@code to} still reaches {@code from}. */
    public void partitionOneWay(int from, int to) {
        layout.network().cut(from, to);
    }

    /** Cuts {@code id} from every other server, both ways; its clients still reach it. */
    public void isolate(int id) {
        layout.network().isolate(id);
    }

    /**
     * Cuts {@code id} from every other server, both ways, without anyone noticing: connections stay
     * open and go quiet (no reset), as when packets vanish, so only the servers' own timeouts
     * (syncLimit) find out. Its clients still reach it. {@link #heal()} closes those connections.
     */
    public void isolateSilently(int id) {
        layout.network().isolateSilently(id);
    }

    /** Removes every cut; black-holed connections are closed, so servers redial cleanly. */
    public void heal() {
        layout.network().heal();
    }
}
