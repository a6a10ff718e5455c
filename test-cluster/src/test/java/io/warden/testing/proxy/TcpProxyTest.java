package io.warden.testing.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A proxy in front of an echo server: forwarding, partition (drop), heal, freeze. */
class TcpProxyTest {
    /** How long a test waits to be sure that nothing arrives: only for "no byte" assertions. */
    private static final int QUIET_MS = 300;

    private final ProxyGroup group = new ProxyGroup();
    private final EchoServer echo = new EchoServer();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        group.close();
        echo.close();
    }

    /** Echoes every byte back; one daemon thread per connection is fine in a test. */
    static final class EchoServer implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

        EchoServer() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread t = new Thread(this::acceptLoop, "echo-accept");
            t.setDaemon(true);
            t.start();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.add(s);
                    Thread t = new Thread(() -> pump(s), "echo");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket s) {
            try (s) {
                s.getInputStream().transferTo(s.getOutputStream());
            } catch (IOException ignored) {
                // closed
            }
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private Socket connect(TcpProxy proxy) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(proxy.address(), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    private static byte[] roundTrip(Socket s, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(out);
        s.getOutputStream().flush();
        return s.getInputStream().readNBytes(out.length);
    }

    private static void assertNothingArrives(Socket s) throws IOException {
        s.setSoTimeout(QUIET_MS);
        assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
        s.setSoTimeout(5000);
    }

    /** True if the peer closed the connection (EOF or reset). */
    private static boolean closedByPeer(Socket s) {
        try {
            s.setSoTimeout(5000);
            return s.getInputStream().read() == -1;
        } catch (IOException e) {
            return !(e instanceof SocketTimeoutException);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void forwardsBytesBothWaysAndCountsThem() throws IOException {
        TcpProxy proxy = group.open("test", echo.address());
        Socket s = connect(proxy);
        byte[] big = new byte[256 * 1024];
        new java.util.Random(1).nextBytes(big);
        s.getOutputStream().write(big);
        s.getOutputStream().flush();
        assertArrayEquals(big, s.getInputStream().readNBytes(big.length), "echo of 256 KiB through the proxy");
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), roundTrip(s, "hello"));
        await("both directions counted", () -> proxy.forwardedBytes() == 2L * (big.length + 5));
        assertEquals(LinkState.FORWARD, proxy.state());
    }

    @Test
    void dropClosesOpenConnectionsAndBlackHolesNewOnes() throws IOException {
        TcpProxy proxy = group.open("test", echo.address());
        Socket before = connect(proxy);
        roundTrip(before, "x");

        proxy.state(LinkState.DROP);

        assertTrue(closedByPeer(before), "a connection open at the partition is closed");
        Socket during = connect(proxy); // accepted, never reaches the target
        during.getOutputStream().write("lost".getBytes(StandardCharsets.UTF_8));
        during.getOutputStream().flush();
        assertNothingArrives(during);
        await("the bytes were discarded", () -> proxy.droppedBytes() == 4);
        assertEquals(1, echo.accepted.size(), "the black-holed connection never reached the target");
    }

    @Test
    void silentKeepsOpenConnectionsOpenDiscardsTheirBytesHidesClosesAndHealClosesThem() throws Exception {
        TcpProxy proxy = group.open("test", echo.address());
        Socket before = connect(proxy);
        roundTrip(before, "x");
        await("the echo server holds the relayed connection", () -> echo.accepted.size() == 1);

        proxy.state(LinkState.SILENT);

        before.getOutputStream().write("lost".getBytes(StandardCharsets.UTF_8));
        before.getOutputStream().flush();
        assertNothingArrives(before); // neither an echo nor a close: the partition is not noticed
        await("the bytes were discarded", () -> proxy.droppedBytes() == 4);
        echo.accepted.get(0).close(); // the target goes away; the client must not learn of it
        assertNothingArrives(before);
        assertEquals(1, proxy.openConnections(), "the silenced connection is still held open");

        proxy.state(LinkState.FORWARD);

        assertTrue(closedByPeer(before), "leaving the silent partition closes the connection that lost bytes");
        assertArrayEquals("back".getBytes(StandardCharsets.UTF_8), roundTrip(connect(proxy), "back"));
    }

    @Test
    void healClosesBlackHoledConnectionsAndNewConnectionsForwardAgain() throws IOException {
        TcpProxy proxy = group.open("test", echo.address());
        proxy.state(LinkState.DROP);
        Socket during = connect(proxy);
        during.getOutputStream().write(1);
        during.getOutputStream().flush();
        await("the proxy black-holed the byte", () -> proxy.droppedBytes() == 1);

        proxy.state(LinkState.FORWARD);

        assertTrue(closedByPeer(during), "a connection that lost bytes is closed at heal, never resumed with a gap");
        Socket after = connect(proxy);
        assertArrayEquals("back".getBytes(StandardCharsets.UTF_8), roundTrip(after, "back"));
        assertEquals(0, proxy.openConnections() - 1, "only the new connection is open");
    }

    @Test
    void freezeHoldsEveryByteAndForwardingDeliversThemInOrder() throws IOException {
        TcpProxy proxy = group.open("test", echo.address());
        Socket s = connect(proxy);
        roundTrip(s, "warm");

        proxy.state(LinkState.FREEZE);
        s.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        assertNothingArrives(s);
        Socket opened = connect(proxy); // a new connection while frozen is accepted but silent too
        opened.getOutputStream().write('n');
        opened.getOutputStream().flush();
        await("the proxy accepted the second connection", () -> proxy.openConnections() == 2);
        assertNothingArrives(opened);

        proxy.state(LinkState.FORWARD);

        assertArrayEquals("held".getBytes(StandardCharsets.UTF_8), s.getInputStream().readNBytes(4));
        assertEquals('n', opened.getInputStream().read());
        assertEquals(0, proxy.droppedBytes(), "a freeze loses nothing");
    }

    @Test
    void aTargetThatIsDownClosesTheClientConnection() throws IOException {
        InetSocketAddress nowhere;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = new InetSocketAddress("127.0.0.1", unused.getLocalPort());
        }
        TcpProxy proxy = group.open("test", nowhere);
        Socket s = connect(proxy);
        assertTrue(closedByPeer(s), "refused upstream = closed downstream");
    }

    @Test
    void aTargetThatClosesIsPassedOnAfterItsLastBytes() throws IOException {
        TcpProxy proxy = group.open("test", echo.address());
        Socket s = connect(proxy);
        roundTrip(s, "a");
        s.shutdownOutput(); // echo sees EOF, closes; the proxy passes the close on
        InputStream in = s.getInputStream();
        assertEquals(-1, in.read());
        await("connection forgotten", () -> proxy.openConnections() == 0);
    }
}
