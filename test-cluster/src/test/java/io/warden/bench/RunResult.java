package io.warden.bench;

import org.HdrHistogram.Histogram;

/**
 * What one measured window produced.
 *
 * @param contender  who was measured (a server or a client library)
 * @param scenario   workload or lock setting
 * @param ok         successful operations completed inside the window
 * @param failed     operations that completed with an error inside the window
 * @param seconds    the window's actual length
 * @param latencyUs  latency of successful operations, in microseconds (issue to completion)
 * @param meters     CPU and allocation spent during the window (see {@link Meters})
 * @param violations safety violations seen (e.g. two lock holders at once); must be 0
 */
record RunResult(String contender, String scenario, long ok, long failed, double seconds, Histogram latencyUs,
                 Meters meters, long violations) {

    double opsPerSecond() {
        return ok / seconds;
    }

    /** Server CPU microseconds per successful op, or NaN. */
    double serverCpuUsPerOp() {
        return perOp(meters.serverCpuNanos() / 1000.0);
    }

    /** Bytes the server wrote to storage per successful op, or NaN. */
    double serverWriteBytesPerOp() {
        return perOp(meters.serverWriteBytes());
    }

    /** Client-JVM CPU microseconds per successful op, or NaN. */
    double clientCpuUsPerOp() {
        return perOp(meters.clientCpuNanos() / 1000.0);
    }

    /** Client-JVM heap bytes allocated per successful op, or NaN. */
    double allocatedBytesPerOp() {
        return perOp(meters.allocatedBytes());
    }

    private double perOp(double total) {
        return total < 0 || ok == 0 ? Double.NaN : total / ok;
    }
}
