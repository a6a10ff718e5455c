package io.warden.bench;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * Counters sampled at the edges of a measured window; a window's cost is the difference of two samples.
 *
 * <p>Allocation is the benchmark JVM's total heap allocation
 * ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}): it covers every thread the
 * client library starts (I/O, event and callback threads) including threads that ended during the
 * window, which summing {@code getThreadAllocatedBytes} over live thread ids would miss. The server runs
 * in another process, so nothing of it is counted. What is counted besides the client: the load
 * driver's own bookkeeping, identical for every client (no per-op allocation by design), and idle JVM
 * background threads (negligible over seconds of load).
 *
 * @param serverCpuNanos CPU time (user+system) of the server process, or -1 if unknown
 * @param serverWriteBytes bytes the server process caused to be written to storage ({@code write_bytes} of
 *                       {@code /proc/<pid>/io}), or -1 if unknown; shows that both servers really log each write
 * @param clientCpuNanos CPU time of this (client) JVM, or -1 if unknown
 * @param allocatedBytes heap bytes allocated by this JVM so far, or -1 if unsupported
 */
record Meters(long serverCpuNanos, long serverWriteBytes, long clientCpuNanos, long allocatedBytes) {

    /** What is known about the server process being measured. */
    interface ServerProbe {
        /** CPU time used so far. */
        OptionalLong cpuNanos();

        /** Bytes written to storage so far. */
        OptionalLong writeBytes();
    }

    /** Takes a sample now. */
    static Meters sample(ServerProbe server) {
        return new Meters(server.cpuNanos().orElse(-1), server.writeBytes().orElse(-1), clientCpu(), allocated());
    }

    /** {@code later - this}, keeping -1 where either side is unknown. */
    Meters until(Meters later) {
        return new Meters(diff(serverCpuNanos, later.serverCpuNanos), diff(serverWriteBytes, later.serverWriteBytes),
                diff(clientCpuNanos, later.clientCpuNanos), diff(allocatedBytes, later.allocatedBytes));
    }

    private static long diff(long a, long b) {
        return a < 0 || b < 0 ? -1 : b - a;
    }

    private static long clientCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            if (!threads.isThreadAllocatedMemoryEnabled()) {
                threads.setThreadAllocatedMemoryEnabled(true);
            }
            try {
                return threads.getTotalThreadAllocatedBytes();
            } catch (UnsupportedOperationException e) {
                return -1;
            }
        }
        return -1;
    }
}
