/**
 * Side-by-side benchmarks (not tests: nothing here asserts timing), run through {@code bin/warden-bench}.
 * Each prints a Markdown table on stdout and progress on stderr.
 *
 * <ul>
 *   <li>{@code bin/warden-bench server}: standalone Warden vs Apache ZooKeeper 3.9.3 server
 *       ({@link io.warden.bench.ServerBenchmark}).</li>
 *   <li>{@code bin/warden-bench framework} and {@code lock}: Warden's framework and lock vs Curator 5.7.1.</li>
 *   <li>{@code bin/warden-bench ensemble}: a 3-node Warden ensemble vs a 3-node ZooKeeper 3.9.3 ensemble
 *       ({@link io.warden.bench.EnsembleBenchmark}), each member its own JVM from the same generated zoo.cfg
 *       ({@code server.N} lines, myid, ports chosen at run time, fsync on, tickTime/initLimit/syncLimit
 *       2000/10/5 unless set), one system at a time; create / setData / getData throughput and p50/p99 with
 *       sessions spread over the members, then leader failover.</li>
 *   <li>{@code bin/warden-bench failover}: only the failover part ({@link io.warden.bench.FailoverBenchmark}):
 *       under a steady setData load, kill -9 the leader (found with {@code srvr}), time from the kill to the
 *       first acknowledged write issued after it, to a survivor's {@code srvr} saying leader, and to every
 *       session writing again; restart the killed member, wait until the ensemble is whole, repeat
 *       ({@code bench.failoverTrials}, default 10); median / p90 / max per system and the ratio.</li>
 * </ul>
 *
 * <p>A short smoke run:
 * <pre>
 * bin/warden-bench ensemble -Dbench.seconds=3 -Dbench.warmupSeconds=2 -Dbench.reps=1 -Dbench.failoverTrials=3
 * </pre>
 * The full run (for the README), on a quiet machine with the data directories on a real disk:
 * <pre>
 * bin/warden-bench ensemble -Dbench.reps=3 -Dbench.failoverTrials=20 -Dbench.dir=/var/tmp
 * </pre>
 * Every knob is listed by {@code bin/warden-bench --help}; {@code -Dbench.keep=true} keeps the servers' data
 * directories and logs.
 */
package io.warden.bench;
