package io.warden.bench;

import java.time.Instant;
import java.util.Locale;

/** Progress lines (stderr) and the report header (stdout) shared by the benchmarks. */
final class BenchReport {
    private BenchReport() {
    }

    static void header(String title, BenchSettings settings, String extra) {
        System.out.printf(Locale.ROOT, "## %s%n%n", title);
        System.out.printf(Locale.ROOT, "%s, Java %s, %d CPUs, %s%n", Instant.now(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"));
        System.out.printf(Locale.ROOT, "%s%n", settings.describe());
        if (!extra.isEmpty()) {
            System.out.printf(Locale.ROOT, "%s%n", extra);
        }
        System.out.println();
    }

    static void progress(String what, RunResult r) {
        System.err.printf(Locale.ROOT,
                "  %-32s %,10.0f ops/s  p50 %.2f ms  p99 %.2f ms  errors %d  server CPU %s µs/op  disk %s B/op"
                        + "  client alloc %s B/op%n",
                what, r.opsPerSecond(), r.latencyUs().getValueAtPercentile(50) / 1000.0,
                r.latencyUs().getValueAtPercentile(99) / 1000.0, r.failed(), fmt(r.serverCpuUsPerOp(), "%.1f"),
                fmt(r.serverWriteBytesPerOp(), "%.0f"), fmt(r.allocatedBytesPerOp(), "%.0f"));
    }

    static void failure(String what, Throwable e) {
        System.err.printf(Locale.ROOT, "  %-32s FAILED: %s%n", what, e);
    }

    /** Warns when fsync would be free, which would make write numbers meaningless. */
    static void checkDisk(ServerProcess server) {
        String type = server.fileSystemType();
        if (type.equals("tmpfs") || type.equals("ramfs")) {
            System.err.println("WARNING: data directories are on " + type
                    + "; fsync costs nothing there. Use -Dbench.dir=<dir on a real disk>.");
        }
    }

    private static String fmt(double v, String f) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, f, v);
    }
}
