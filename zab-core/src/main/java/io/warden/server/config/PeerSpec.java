package io.warden.server.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code server.N=host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]}
 * line of zoo.cfg. Host names are kept unresolved: peers may not be resolvable yet when the
 * configuration is read (containers start in any order), so resolution belongs to the transport.
 *
 * @param id            the server id (the {@code N} of {@code server.N}, matched against {@code myid})
 * @param host          host name or IP literal of the peer
 * @param quorumPort    port followers use to talk to the leader
 * @param electionPort  port used for leader election
 * @param role          participant (votes) or observer (does not)
 * @param clientAddress client address given after {@code ;}, if any (unresolved)
 */
public record PeerSpec(long id, String host, int quorumPort, int electionPort, PeerRole role,
                       Optional<InetSocketAddress> clientAddress) {

    public PeerSpec {
        if (id < 0) {
            throw new IllegalArgumentException("server id must be >= 0: " + id);
        }
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        checkPort("quorumPort", quorumPort);
        checkPort("electionPort", electionPort);
        if (quorumPort == electionPort) {
            throw new IllegalArgumentException("quorum port and election port must differ: " + quorumPort);
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be in 1..65535: " + port);
        }
    }

    /** Unresolved address of the quorum (leader/follower) port. */
    public InetSocketAddress quorumAddress() {
        return InetSocketAddress.createUnresolved(host, quorumPort);
    }

    /** Unresolved address of the election port. */
    public InetSocketAddress electionAddress() {
        return InetSocketAddress.createUnresolved(host, electionPort);
    }

    /** True if this peer votes. */
    public boolean isParticipant() {
        return role == PeerRole.PARTICIPANT;
    }

    /**
     * The line as ZooKeeper prints it in {@code conf} membership and {@code /zookeeper/config}:
     * {@code server.1=host:2888:3888:participant} plus {@code ;clientHost:clientPort} when known.
     */
    public String toConfigLine() {
        StringBuilder sb = new StringBuilder()
                .append("server.").append(id).append('=')
                .append(host).append(':').append(quorumPort).append(':').append(electionPort)
                .append(':').append(role.configName());
        clientAddress.ifPresent(a -> sb.append(';').append(a.getHostString()).append(':').append(a.getPort()));
        return sb.toString();
    }
}
