/**
 * Test servers and ensembles with fault injection, in the spirit of curator-test.
 *
 * <ul>
 *   <li>{@link io.warden.testing.TestingServer}: one standalone server in this JVM (stop/start keep
 *       port and data).</li>
 *   <li>{@link io.warden.testing.TestingCluster}: an in-process ensemble; {@link
 *       io.warden.testing.ProcessCluster}: one JVM per server ({@link io.warden.testing.WardenProcess},
 *       kill -9, SIGSTOP/SIGCONT by PID). Both lay out ids 1..n, fixed ports and data directories
 *       ({@link io.warden.testing.ClusterOptions}) and share the faults of {@link io.warden.testing.Ensemble}.</li>
 *   <li>Faults live in the network, not in the servers: each server is given its own peer list in
 *       which peer j is the address of a proxy for the link (i -> j) ({@link io.warden.testing.proxy.TcpProxy}),
 *       and clients reach each server through a client-port proxy. Partition = the link proxies drop;
 *       pause = every proxy of a server freezes.</li>
 * </ul>
 * No ZooKeeper or Curator classes here: they are test-scope only.
 */
package io.warden.testing;
