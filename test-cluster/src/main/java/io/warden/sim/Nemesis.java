package io.warden.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seeded fault schedule of a random run: crashes (losing unsynced writes) and restarts,
 * symmetric, one-way and flapping partitions, leader isolation, and bursts of drop, duplicate,
 * reorder and delay. All choices come from the simulation's seeded random.
 */
final class Nemesis {
    private final Simulation sim;
    private final Random random;
    private final List<Long> ids;

    Nemesis(Simulation sim) {
        this.sim = sim;
        this.random = sim.random;
        this.ids = new ArrayList<>(sim.nodes.keySet());
    }

    void runChaos(long durationMs) {
        sim.clientIntervalMs = 5 + random.nextInt(60);
        sim.fsyncMaxDelayMs = 2 + random.nextInt(random.nextBoolean() ? 10 : 60);
        sim.startClients();
        long end = sim.now() + durationMs;
        long at = sim.now() + 500 + random.nextInt(1_500);
        while (at < end) {
            sim.schedule(at, new SimEvent.Action("nemesis", this::strike));
            at += 200 + random.nextInt(1_200);
        }
        sim.runFor(durationMs);
    }

    private void strike() {
        int choice = random.nextInt(11);
        switch (choice) {
            case 0, 1 -> crashAndRestart(randomNode());
            case 2 -> crashAndRestart(sim.establishedLeader() >= 0 ? sim.establishedLeader() : randomNode());
            case 3 -> symmetricPartition();
            case 4 -> oneWay();
            case 5 -> flap();
            case 6 -> isolateLeader();
            case 7 -> networkWeather();
            case 8 -> crashAll();
            case 9 -> crashMajorityWithLeader();
            default -> {
                sim.healAll();
                sim.network.calm();
            }
        }
    }

    private long randomNode() {
        return ids.get(random.nextInt(ids.size()));
    }

    private void crashAndRestart(long id) {
        sim.crash(id);
        later(100 + random.nextInt(2_500), "restart " + id, () -> sim.restart(id));
    }

    /** All servers lose power at once, then come back one by one (the shape of ZOOKEEPER-1154). */
    private void crashAll() {
        if (random.nextInt(3) != 0) {
            crashAndRestart(randomNode());
            return;
        }
        ids.forEach(sim::crash);
        for (long id : ids) {
            later(100 + random.nextInt(3_000), "restart " + id, () -> sim.restart(id));
        }
    }

    /**
     * The leader and enough others to break the quorum lose power together, just after writes: the
     * survivors' fsync windows are where ACK-before-fsync bugs lose committed data. The old leader
     * comes back last.
     */
    private void crashMajorityWithLeader() {
        long leader = sim.establishedLeader();
        if (leader < 0) {
            return;
        }
        List<Long> others = new ArrayList<>(ids);
        others.remove(leader);
        java.util.Collections.shuffle(others, random);
        List<Long> victims = new ArrayList<>(others.subList(0, ids.size() / 2));
        sim.crash(leader);
        victims.forEach(sim::crash);
        for (long id : victims) {
            later(50 + random.nextInt(500), "restart " + id, () -> sim.restart(id));
        }
        later(1_500 + random.nextInt(2_000), "restart old leader " + leader, () -> sim.restart(leader));
    }

    private void symmetricPartition() {
        List<Long> shuffled = new ArrayList<>(ids);
        java.util.Collections.shuffle(shuffled, random);
        int cut = 1 + random.nextInt(ids.size() - 1);
        long[] side = shuffled.subList(0, cut).stream().mapToLong(Long::longValue).toArray();
        sim.isolate(side);
        later(300 + random.nextInt(3_000), "heal partition", sim::healAll);
    }

    private void oneWay() {
        long a = randomNode();
        long b = randomNode();
        if (a == b) {
            return;
        }
        sim.block(a, b);
        later(300 + random.nextInt(3_000), "unblock " + a + "->" + b, () -> sim.unblock(a, b));
    }

    private void flap() {
        long a = randomNode();
        long b = randomNode();
        if (a == b) {
            return;
        }
        long t = 0;
        for (int i = 0; i < 4 + random.nextInt(6); i++) {
            t += 50 + random.nextInt(300);
            boolean cut = i % 2 == 0;
            later(t, (cut ? "flap cut " : "flap join ") + a + "<->" + b, () -> {
                if (cut) {
                    sim.cut(a, b);
                } else {
                    sim.unblock(a, b);
                    sim.unblock(b, a);
                }
            });
        }
        later(t + 100, "flap end " + a + "<->" + b, () -> {
            sim.unblock(a, b);
            sim.unblock(b, a);
        });
    }

    private void isolateLeader() {
        long leader = sim.establishedLeader();
        if (leader < 0) {
            return;
        }
        sim.isolate(leader);
        later(200 + random.nextInt(3_000), "heal isolated leader " + leader, sim::healAll);
    }

    private void networkWeather() {
        SimNetwork n = sim.network;
        n.dropRate = random.nextDouble() * 0.08;
        n.duplicateRate = random.nextDouble() * 0.05;
        n.reorderRate = random.nextDouble() * 0.05;
        n.maxDelayMs = 2 + random.nextInt(random.nextInt(4) == 0 ? 400 : 30);
        later(500 + random.nextInt(3_000), "calm network", n::calm);
    }

    private void later(long delayMs, String description, Runnable action) {
        sim.schedule(sim.now() + delayMs, new SimEvent.Action(description, action));
    }
}
