package io.warden.sim;

import io.warden.zab.Role;
import io.warden.zab.ZabPeer;
import java.util.HashSet;
import java.util.Set;

/**
 * TCP connection closure as a driver reports it to {@link ZabPeer#linkLost} and
 * {@link ZabPeer#electionLinkLost}, as virtual-time events a few ms after their cause, all drawn
 * from the simulation's seeded random:
 * <ul>
 * <li>a crashed process's kernel closes its sockets: every live peer later hears of its quorum
 * connections (once or twice) and of its election link. A crash can also be silent (power cut,
 * hung host); then peers hear of it only when the rebooted host answers their old connections
 * with a reset, shortly after it restarts;</li>
 * <li>a cut link usually goes unnoticed, but sometimes a middlebox resets it at once, or a
 * keepalive gives up later while the cut still holds; either or both endpoints may notice.</li>
 * </ul>
 * A dead peer's messages can still arrive after a report (they travel on its own connection,
 * which may close after ours; reordered and duplicated ones come whenever), and a report can be
 * stale (an old connection closing after a new one opened); ZAB must be safe either way. Reports
 * never reach a crashed node, nor a later incarnation of the node they were meant for.
 */
final class LinkClosures {
    /** What closures did in a run: reports delivered, and the role changes they caused at once. */
    record Stats(long quorumReports, long electionReports, long learnersLeft, long learnersDropped,
                 long leadersSteppedDown, long electionsSettled) {
        static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0);

        Stats plus(Stats o) {
            return new Stats(quorumReports + o.quorumReports, electionReports + o.electionReports,
                    learnersLeft + o.learnersLeft, learnersDropped + o.learnersDropped,
                    leadersSteppedDown + o.leadersSteppedDown, electionsSettled + o.electionsSettled);
        }
    }

    private static final int RESET_MAX_MS = 10;
    private static final int KEEPALIVE_MAX_MS = 1_500;

    private final Simulation sim;
    /** Chance that a crash closes its links at once (else it is silent until the restart). */
    double crashCloseRate;
    /** Chance that a cut or one-way block is noticed by TCP at all. */
    double cutCloseRate;
    private final Set<Long> silentlyCrashed = new HashSet<>();
    private Stats stats = Stats.ZERO;

    LinkClosures(Simulation sim) {
        this.sim = sim;
    }

    Stats stats() {
        return stats;
    }

    void onCrash(long crashed) {
        if (crashCloseRate <= 0) {
            return;
        }
        if (sim.random.nextDouble() < crashCloseRate) {
            reportCrash(crashed, RESET_MAX_MS);
        } else {
            silentlyCrashed.add(crashed);
        }
    }

    /** A rebooted host resets the connections its previous incarnation left open, on their next send. */
    void onRestart(long restarted) {
        if (silentlyCrashed.remove(restarted)) {
            reportCrash(restarted, Simulation.TICK_MS);
        }
    }

    /**
     * Packets between a and b are dropped, both ways or one way (then the sender's retransmissions
     * or the receiver's keepalive give up just the same).
     */
    void onCut(long a, long b) {
        if (cutCloseRate <= 0 || sim.random.nextDouble() >= cutCloseRate) {
            return;
        }
        int who = sim.random.nextInt(4); // both ends notice, or only one of them
        if (who != 2) {
            reportCut(a, b);
        }
        if (who != 1) {
            reportCut(b, a);
        }
    }

    /** Scripted: {@code node} hears that its quorum or election connection with {@code peer} closed, 1 ms from now. */
    void report(long node, long peer, boolean election) {
        SimNode n = sim.nodes.get(node);
        sim.schedule(sim.now() + 1, new SimEvent.LinkLost(node, n.incarnation, peer, election, false));
    }

    void deliver(SimEvent.LinkLost e) {
        SimNode n = sim.nodes.get(e.node());
        if (!n.alive() || n.incarnation != e.incarnation()) {
            return;
        }
        if (e.whileCut() && !sim.network.isBlocked(e.node(), e.peer()) && !sim.network.isBlocked(e.peer(), e.node())) {
            return; // the keepalive would have succeeded: the cut healed first
        }
        ZabPeer p = n.peer();
        Role before = p.role();
        int connected = p.learnerCounts().connected();
        if (e.election()) {
            p.electionLinkLost(e.peer());
        } else {
            p.linkLost(e.peer());
        }
        sim.process(n);
        count(e.election(), before, connected, n);
    }

    private void count(boolean election, Role before, int connected, SimNode n) {
        Role after = n.peer().role();
        boolean learner = before == Role.FOLLOWING || before == Role.OBSERVING;
        boolean droppedLearner = before == Role.LEADING && after == Role.LEADING
                && n.peer().learnerCounts().connected() < connected;
        stats = stats.plus(new Stats(election ? 0 : 1, election ? 1 : 0,
                learner && after == Role.LOOKING ? 1 : 0, droppedLearner ? 1 : 0,
                before == Role.LEADING && after == Role.LOOKING ? 1 : 0,
                before == Role.LOOKING && after != Role.LOOKING ? 1 : 0));
    }

    /**
     * Each pair has two quorum connections, one dialled by each side, each carrying its dialler's
     * messages. The one {@code gone} dialled closes after the data it carried (FIN/RST follow the
     * data); the one {@code n} dialled may close first, so messages of the dead peer can still
     * arrive after a report; sometimes that one goes unreported. The election link is one more.
     */
    private void reportCrash(long gone, int maxDelayMs) {
        for (SimNode n : sim.nodes.values()) {
            if (n.id == gone || !n.alive()) {
                continue;
            }
            long afterData = Math.max(0, sim.network.lastInOrderDelivery(gone, n.id) - sim.now());
            schedule(n, gone, false, afterData + 1 + sim.random.nextInt(maxDelayMs), false);
            if (sim.random.nextBoolean()) {
                schedule(n, gone, false, 1 + sim.random.nextInt(maxDelayMs), false);
            }
            schedule(n, gone, true, afterData + 1 + sim.random.nextInt(maxDelayMs), false);
        }
    }

    /** {@code node} notices that its connections with {@code peer} broke: quorum, election or both. */
    private void reportCut(long node, long peer) {
        SimNode n = sim.nodes.get(node);
        if (!n.alive()) {
            return;
        }
        boolean keepalive = sim.random.nextBoolean();
        int kinds = sim.random.nextInt(3);
        for (int kind = 0; kind < 2; kind++) {
            if (kinds == 2 || kinds == kind) {
                long delay = keepalive ? 50 + sim.random.nextInt(KEEPALIVE_MAX_MS) : 1 + sim.random.nextInt(RESET_MAX_MS);
                schedule(n, peer, kind == 1, delay, keepalive);
            }
        }
    }

    private void schedule(SimNode n, long peer, boolean election, long delayMs, boolean whileCut) {
        sim.schedule(sim.now() + delayMs, new SimEvent.LinkLost(n.id, n.incarnation, peer, election, whileCut));
    }
}
