package io.warden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File and port helpers of the harness. Stateless, blocking. */
final class Dirs {
    private Dirs() {
    }

    /** Deletes {@code dir} and everything under it; a missing directory is fine. */
    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException ignored) {
                    // deleted concurrently
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** {@code count} distinct ports free on 127.0.0.1 right now, released at once (see {@link #reservePorts}). */
    static List<Integer> freePorts(int count) {
        try (PortReservation r = reservePorts(count)) {
            return r.ports();
        }
    }

    /**
     * Holds {@code count} distinct free ports on 127.0.0.1 until closed, so that nothing in this JVM
     * (the proxies binding port 0 above all) takes them. Once released another process may still
     * take one before the server binds it: the harness then moves that server to new ports.
     */
    static PortReservation reservePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return new PortReservation(held);
        } catch (IOException e) {
            new PortReservation(held).close();
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** Reserved ports; close to release them. */
    record PortReservation(List<ServerSocket> sockets) implements AutoCloseable {
        List<Integer> ports() {
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        }

        @Override
        public void close() {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }
}
