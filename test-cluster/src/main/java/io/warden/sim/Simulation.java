package io.warden.sim;

import io.warden.zab.ZabConfig;
import io.warden.zab.ZabPeer;
import io.warden.zab.message.ZabMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * A whole ZAB ensemble in one thread and virtual time. Every source of nondeterminism (network
 * fate, fsync timing, crashes, client arrivals) draws from one seeded {@link Random}, so a seed
 * replays exactly. The {@link InvariantChecker} runs after every event. Not thread-safe.
 */
public final class Simulation {
    /** Decides the fate of a message at delivery time (scripted scenarios). */
    public interface Interceptor {
        /** @return false to drop the message */
        boolean deliver(long from, long to, ZabMessage message);
    }

    public static final int TICK_MS = 100;

    private record Scheduled(long time, long seq, SimEvent event) {
    }

    final long seed;
    final Random random;
    final SimNetwork network;
    final LinkClosures links;
    final InvariantChecker checker = new InvariantChecker();
    final Map<Long, SimNode> nodes = new TreeMap<>();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final Trace trace = new Trace(400);
    private long seq;
    private long now;
    private long clientRequests;
    private Interceptor interceptor = (from, to, m) -> true;
    boolean clientsActive;
    int clientIntervalMs = 30;
    int fsyncMaxDelayMs = 8;

    public Simulation(long seed, int voters, int observers) {
        this.seed = seed;
        this.random = new Random(seed);
        this.network = new SimNetwork(random);
        this.links = new LinkClosures(this);
        TreeSet<Long> voterIds = new TreeSet<>();
        TreeSet<Long> observerIds = new TreeSet<>();
        for (long id = 1; id <= voters + observers; id++) {
            (id <= voters ? voterIds : observerIds).add(id);
        }
        for (long id = 1; id <= voters + observers; id++) {
            ZabConfig config = new ZabConfig(id, voterIds, observerIds, 10, 5, 2, 3, 1);
            nodes.put(id, new SimNode(id, config, checker));
        }
        nodes.keySet().forEach(this::start);
    }

    /** Runs one randomized seed end to end: chaos, then heal and require convergence. */
    public static String runSeed(long seed) {
        return runRandomized(seed).fingerprint();
    }

    /** {@link #runSeed} returning the finished simulation, for statistics over many seeds. */
    static Simulation runRandomized(long seed) {
        int voters = (seed & 1) == 0 ? 3 : 5;
        int observers = seed % 3 == 0 ? 1 : 0;
        Simulation sim = new Simulation(seed, voters, observers);
        // Most crashes are process deaths whose kernel closes the sockets; some are silent.
        sim.reportLinkClosures(0.8, 0.4);
        sim.guard(() -> {
            Nemesis nemesis = new Nemesis(sim);
            long chaosMs = 8_000 + sim.random.nextInt(8_000);
            nemesis.runChaos(chaosMs);
            sim.quiesceAndCheck();
        });
        return sim;
    }

    // ---- scripted API --------------------------------------------------------------------------

    public long now() {
        return now;
    }

    public SimNode node(long id) {
        return nodes.get(id);
    }

    public ZabPeer peer(long id) {
        return nodes.get(id).peer();
    }

    /**
     * Turns on the TCP closure model ({@link LinkClosures}): a crash closes its peers' links with
     * probability {@code crashRate} (else they learn of it at its restart), and a cut or blocked link
     * is noticed with probability {@code cutRate}. Off by default: scripted crashes are power cuts
     * that peers notice only by their tick limits.
     */
    public void reportLinkClosures(double crashRate, double cutRate) {
        links.crashCloseRate = crashRate;
        links.cutCloseRate = cutRate;
    }

    /** Scripted: {@code node}'s driver sees its quorum (or election) connection with {@code peer} close, 1 ms from now. */
    public void reportLinkLost(long node, long peer, boolean election) {
        links.report(node, peer, election);
    }

    /** What link closures did so far. */
    LinkClosures.Stats linkStats() {
        return links.stats();
    }

    public void setInterceptor(Interceptor interceptor) {
        this.interceptor = interceptor;
    }

    public void runFor(long ms) {
        runUntil(now + ms, () -> false);
    }

    /** Runs until some server is an established leader; returns it. */
    public long awaitLeader(long maxMs) {
        runUntil(now + maxMs, () -> establishedLeader() >= 0);
        long leader = establishedLeader();
        if (leader < 0) {
            throw new InvariantViolation("no established leader within " + maxMs + " ms");
        }
        return leader;
    }

    public long establishedLeader() {
        for (SimNode n : nodes.values()) {
            if (n.alive() && n.peer().isEstablishedLeader()) {
                return n.id;
            }
        }
        return -1;
    }

    /** Proposes a client write on {@code leader}; returns its zxid. */
    public long propose(long leader, String payload) {
        SimNode n = nodes.get(leader);
        var txnZxid = n.peer().propose(payload.getBytes(StandardCharsets.UTF_8));
        checker.onProposed(leader, n.peer().log().get(txnZxid));
        process(n);
        return txnZxid;
    }

    /** Power-cuts a server: a random prefix of its unsynced writes survives. */
    public void crash(long id) {
        crash(id, false);
    }

    /** Power-cuts a server so that every unsynced write is lost (scripted worst case). */
    public void crashLosingUnsynced(long id) {
        crash(id, true);
    }

    private void crash(long id, boolean loseAll) {
        SimNode n = nodes.get(id);
        if (n.alive()) {
            trace.record(now, "crash " + id + (loseAll ? " (losing unsynced writes)" : ""));
            n.crash(random, loseAll);
            links.onCrash(id);
        }
    }

    /** Makes one server's unsynced writes durable now. */
    public void fsync(long id) {
        SimNode n = nodes.get(id);
        if (n.alive()) {
            n.driver().flush();
            process(n);
        }
    }

    /** Runs until the condition holds (checked after every event) or the time is up. */
    public boolean await(long maxMs, BooleanSupplier condition) {
        runUntil(now + maxMs, condition);
        return condition.getAsBoolean();
    }

    /** A fingerprint of the run so far, to prove that a seed replays exactly. */
    public String fingerprint() {
        return trace.total() + "/" + checker.committedCount() + "/" + io.warden.zab.Zxid.toString(checker.lastCommittedZxid())
                + "/" + links.stats() + "/" + describe();
    }

    public void restart(long id) {
        SimNode n = nodes.get(id);
        if (!n.alive()) {
            trace.record(now, "restart " + id);
            start(id);
            links.onRestart(id);
        }
    }

    /** Drops what {@code from} sends to {@code to}; TCP may notice (see {@link #reportLinkClosures}). */
    public void block(long from, long to) {
        network.block(from, to);
        links.onCut(from, to);
    }

    /** Cuts the link between a and b both ways; TCP may notice. */
    public void cut(long a, long b) {
        network.block(a, b);
        network.block(b, a);
        links.onCut(a, b);
    }

    public void unblock(long from, long to) {
        network.unblock(from, to);
    }

    /** Cuts every link between the given side and everybody else, both ways. */
    public void isolate(long... side) {
        for (long a : side) {
            for (long b : nodes.keySet()) {
                if (java.util.Arrays.stream(side).noneMatch(x -> x == b)) {
                    cut(a, b);
                }
            }
        }
    }

    public void healAll() {
        network.healAll();
    }

    /** Makes every server's unsynced writes durable now. */
    public void fsyncAll() {
        for (SimNode n : nodes.values()) {
            if (n.alive()) {
                n.driver().flush();
                process(n);
            }
        }
    }

    public void snapshot(long id) {
        SimNode n = nodes.get(id);
        if (n.alive()) {
            n.snapshotAndCompact();
        }
    }

    /**
     * Heals everything, restarts every server, calms the network and requires that all servers end
     * with the same last zxid and digest; then one more write must commit everywhere.
     */
    public void quiesceAndCheck() {
        clientsActive = false;
        network.healAll();
        network.calm();
        nodes.keySet().forEach(this::restart);
        interceptor = (from, to, m) -> true;
        awaitConvergence(40_000);
        long leader = establishedLeader();
        propose(leader, "final-" + seed);
        awaitConvergence(20_000);
    }

    /** Runs the body, turning any failure into a report with the seed and the trace tail. */
    public void guard(Runnable body) {
        try {
            body.run();
        } catch (SimulationFailure f) {
            throw f;
        } catch (Throwable t) {
            throw new SimulationFailure(seed, trace.format(), t);
        }
    }

    // ---- the event loop ------------------------------------------------------------------------

    void schedule(long at, SimEvent event) {
        queue.add(new Scheduled(at, seq++, event));
    }

    void runUntil(long until, BooleanSupplier stop) {
        while (!queue.isEmpty() && queue.peek().time <= until) {
            Scheduled s = queue.poll();
            now = s.time;
            trace.record(now, s.event);
            handle(s.event);
            if (stop.getAsBoolean()) {
                return;
            }
        }
        now = Math.max(now, until);
    }

    private void handle(SimEvent event) {
        if (event instanceof SimEvent.Tick t) {
            SimNode n = nodes.get(t.node());
            if (n.alive() && n.incarnation == t.incarnation()) {
                n.peer().tick();
                process(n);
                schedule(now + TICK_MS, t);
            }
        } else if (event instanceof SimEvent.Deliver d) {
            SimNode n = nodes.get(d.to());
            if (n.alive() && !network.isBlocked(d.from(), d.to()) && interceptor.deliver(d.from(), d.to(), d.message())) {
                n.peer().step(d.from(), d.message());
                process(n);
            }
        } else if (event instanceof SimEvent.Fsync f) {
            SimNode n = nodes.get(f.node());
            if (n.alive() && n.incarnation == f.incarnation()) {
                n.fsyncScheduled = false;
                n.driver().flush();
                process(n);
            }
        } else if (event instanceof SimEvent.LinkLost l) {
            links.deliver(l);
        } else if (event instanceof SimEvent.ClientWrite) {
            clientWrite();
        } else if (event instanceof SimEvent.Compact c) {
            snapshot(c.node());
            if (clientsActive) {
                schedule(now + 1_000 + random.nextInt(2_000), c);
            }
        } else if (event instanceof SimEvent.Action a) {
            a.run().run();
        }
    }

    private void clientWrite() {
        if (!clientsActive) {
            return;
        }
        long leader = establishedLeader();
        if (leader >= 0) {
            propose(leader, "req-" + (++clientRequests));
        }
        schedule(now + 1 + random.nextInt(clientIntervalMs), new SimEvent.ClientWrite());
    }

    void startClients() {
        clientsActive = true;
        schedule(now + 1, new SimEvent.ClientWrite());
        nodes.keySet().forEach(id -> schedule(now + 500 + random.nextInt(2_000), new SimEvent.Compact(id)));
    }

    private void start(long id) {
        SimNode n = nodes.get(id);
        n.start((to, message) -> send(id, to, message), new Random(random.nextLong()));
        process(n);
        schedule(now + 1 + random.nextInt(TICK_MS), new SimEvent.Tick(id, n.incarnation));
    }

    private void send(long from, long to, ZabMessage message) {
        for (long at : network.deliveryTimes(from, to, now)) {
            schedule(at, new SimEvent.Deliver(from, to, message));
        }
    }

    void process(SimNode n) {
        n.process();
        if (n.driver().hasUnsyncedAppends() && !n.fsyncScheduled) {
            n.fsyncScheduled = true;
            schedule(now + 1 + random.nextInt(fsyncMaxDelayMs), new SimEvent.Fsync(n.id, n.incarnation));
        }
    }

    private void awaitConvergence(long maxMs) {
        long deadline = now + maxMs;
        while (!converged()) {
            if (now >= deadline) {
                throw new InvariantViolation("no convergence within " + maxMs + " ms after healing: " + describe());
            }
            runUntil(now + 50, () -> false);
        }
    }

    /** All servers alive, one established leader, identical logs end, all applied, same digest. */
    boolean converged() {
        long leaderId = establishedLeader();
        if (leaderId < 0) {
            return false;
        }
        ZabPeer leader = nodes.get(leaderId).peer();
        long last = leader.lastLoggedZxid();
        if (checker.lastCommittedZxid() != last) {
            return false;
        }
        long digest = nodes.get(leaderId).app().digest();
        for (SimNode n : nodes.values()) {
            if (!n.alive() || n.peer().lastLoggedZxid() != last || n.peer().committedZxid() != last
                    || n.app().appliedZxid() != last || n.app().digest() != digest
                    || n.app().count() != checker.committedCount()) {
                return false;
            }
        }
        return true;
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        for (SimNode n : nodes.values()) {
            if (!n.alive()) {
                parts.add(n.id + ":down");
                continue;
            }
            ZabPeer p = n.peer();
            parts.add(n.id + ":" + p.role() + "(leader " + p.leader() + ", acc " + p.acceptedEpoch() + ", cur "
                    + p.currentEpoch() + ", last " + io.warden.zab.Zxid.toString(p.lastLoggedZxid()) + ", committed "
                    + io.warden.zab.Zxid.toString(p.committedZxid()) + ")");
        }
        return String.join(" ", parts) + " globalCommitted=" + checker.committedCount();
    }
}
