package io.warden.testing;

import io.warden.server.config.PeerRole;

import java.nio.file.Path;

/**
 * One member of a test ensemble, as the harness laid it out. Ports are fixed for the life of the
 * cluster: a restarted server comes back on the same ones with the same data directory.
 *
 * @param id               the server id ({@code server.N}, {@code myid}); ids run 1..n
 * @param role             participant or observer
 * @param dataDirectory    the server's dataDir (snapshots, logs, myid)
 * @param clientPort       the port clients use: a proxy in front of the server, which {@code pause} freezes
 * @param serverClientPort the server's own client port (the harness probes it with four-letter words)
 * @param quorumPort       the server's own quorum port; peers reach it through their link proxies
 * @param electionPort     the server's own election port; peers reach it through their link proxies
 */
public record InstanceSpec(int id, PeerRole role, Path dataDirectory, int clientPort, int serverClientPort,
                           int quorumPort, int electionPort) {

    /** {@code 127.0.0.1:clientPort}. */
    public String connectString() {
        return "127.0.0.1:" + clientPort;
    }

    public boolean isObserver() {
        return role == PeerRole.OBSERVER;
    }
}
