package io.warden.server.net;

import java.util.concurrent.ConcurrentHashMap;

/** Enforces {@code maxClientCnxns} per client IP; 0 means no limit. Thread-safe. */
public final class ConnectionLimiter {
    private final int maxPerHost;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxPerHost) {
        this.maxPerHost = maxPerHost;
    }

    public int maxPerHost() { return maxPerHost; }

    public boolean tryAcquire(String host) {
        boolean[] ok = {true};
        counts.compute(host, (h, n) -> {
            int current = n == null ? 0 : n;
            if (maxPerHost > 0 && current >= maxPerHost) {
                ok[0] = false;
                return n;
            }
            return current + 1;
        });
        return ok[0];
    }

    public void release(String host) {
        counts.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
