package io.warden.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The zoo.cfg every member of a benchmark ensemble runs from, the same text for ZooKeeper and
 * Warden: {@code server.N=127.0.0.1:quorum:election} lines, the member's own client port, fsync on,
 * the same tick settings. Pure apart from {@link #freePorts}.
 */
final class EnsembleCfg {

    /** One member's ports on 127.0.0.1. */
    record Member(int id, int clientPort, int quorumPort, int electionPort) {
        Member {
            if (id < 1 || id > 255) {
                throw new IllegalArgumentException("server id must be in 1..255: " + id);
            }
        }

        String connectString() {
            return "127.0.0.1:" + clientPort;
        }

        String serverLine() {
            return "server." + id + "=127.0.0.1:" + quorumPort + ":" + electionPort;
        }
    }

    private EnsembleCfg() {
    }

    /** Members 1..n on {@code 3n} distinct ports, taken from {@code ports} in order. */
    static List<Member> members(int n, List<Integer> ports) {
        if (ports.size() != 3 * n) {
            throw new IllegalArgumentException("need " + 3 * n + " ports for " + n + " members, got " + ports.size());
        }
        if (ports.stream().distinct().count() != ports.size()) {
            throw new IllegalArgumentException("ports must be distinct: " + ports);
        }
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Member(i + 1, ports.get(3 * i), ports.get(3 * i + 1), ports.get(3 * i + 2)));
        }
        return List.copyOf(out);
    }

    /** zoo.cfg text for member {@code self} of {@code members}, data in {@code dataDir}. */
    static String render(List<Member> members, Member self, Path dataDir, EnsembleSettings settings) {
        if (!members.contains(self)) {
            throw new IllegalArgumentException("server." + self.id() + " is not a member of " + members);
        }
        List<String> lines = new ArrayList<>(List.of(
                "tickTime=" + settings.tickTime(),
                "initLimit=" + settings.initLimit(),
                "syncLimit=" + settings.syncLimit(),
                "dataDir=" + dataDir.toAbsolutePath(),
                "clientPortAddress=127.0.0.1",
                "clientPort=" + self.clientPort(),
                "maxClientCnxns=0",
                // fsync on: ZooKeeper's default spelled out; Warden always fsyncs and ignores the key.
                "forceSync=yes",
                "admin.enableServer=false",
                "4lw.commands.whitelist=*"));
        members.forEach(m -> lines.add(m.serverLine()));
        return String.join("\n", lines) + "\n";
    }

    /** The {@code myid} file's content for {@code self}. */
    static String myid(Member self) {
        return self.id() + "\n";
    }

    /**
     * {@code count} distinct free loopback ports: all bound to port 0 at once, then released. Another
     * process may take one before the servers bind it; a benchmark accepts that small race.
     */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
