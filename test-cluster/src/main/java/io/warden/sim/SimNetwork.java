package io.warden.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Link state and message fate: blocked directed links (partitions), drop / duplicate / reorder rates
 * and delays. Per-link FIFO unless a message is chosen to be reordered.
 */
final class SimNetwork {
    private final Random random;
    private final Set<Long> blocked = new HashSet<>();
    private final Map<Long, Long> lastDelivery = new HashMap<>();
    double dropRate;
    double duplicateRate;
    double reorderRate;
    int maxDelayMs = 5;

    SimNetwork(Random random) {
        this.random = random;
    }

    private static long link(long from, long to) {
        return from * 1_000_003L + to;
    }

    void block(long from, long to) {
        blocked.add(link(from, to));
    }

    void unblock(long from, long to) {
        blocked.remove(link(from, to));
    }

    boolean isBlocked(long from, long to) {
        return blocked.contains(link(from, to));
    }

    void healAll() {
        blocked.clear();
    }

    void calm() {
        dropRate = 0;
        duplicateRate = 0;
        reorderRate = 0;
        maxDelayMs = 5;
    }

    /** When the last in-order message now on the wire from {@code from} to {@code to} arrives (0 if none). */
    long lastInOrderDelivery(long from, long to) {
        return lastDelivery.getOrDefault(link(from, to), 0L);
    }

    /** Delivery times for one send: none if dropped, two if duplicated. */
    long[] deliveryTimes(long from, long to, long now) {
        if (isBlocked(from, to) || random.nextDouble() < dropRate) {
            return new long[0];
        }
        boolean dup = random.nextDouble() < duplicateRate;
        long[] times = new long[dup ? 2 : 1];
        for (int i = 0; i < times.length; i++) {
            long at = now + 1 + random.nextInt(maxDelayMs);
            if (random.nextDouble() >= reorderRate) {
                at = Math.max(at, lastDelivery.getOrDefault(link(from, to), 0L));
                lastDelivery.put(link(from, to), at);
            }
            times[i] = at;
        }
        return times;
    }
}
