package io.warden.sim;

/** A ring buffer of the most recent events, formatted only when a run fails. */
final class Trace {
    private final long[] times;
    private final Object[] events;
    private int next;
    private long total;

    Trace(int capacity) {
        times = new long[capacity];
        events = new Object[capacity];
    }

    void record(long time, Object event) {
        times[next] = time;
        events[next] = event;
        next = (next + 1) % events.length;
        total++;
    }

    long total() {
        return total;
    }

    String format() {
        StringBuilder b = new StringBuilder();
        int n = (int) Math.min(total, events.length);
        for (int i = 0; i < n; i++) {
            int at = (int) ((next - n + i + events.length) % events.length);
            b.append(String.format("%8d ms  %s%n", times[at], events[at]));
        }
        return b.toString();
    }
}
