package io.warden.server.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on 127.0.0.1 in front of a server port, used to cut one client off while others keep
 * their connection (shared with the recipes tests through zab-core's test jar). {@link #refuse()} drops every relayed connection and closes new ones at once;
 * {@link #forward()} relays again. Thread-safe; one daemon thread per direction per connection.
 */
public final class ToggleProxy implements AutoCloseable {
    private final ServerSocket listener;
    private volatile int targetPort;
    private final java.util.concurrent.atomic.AtomicInteger relayed = new java.util.concurrent.atomic.AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "toggle-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean refusing;

    public ToggleProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Drops all relayed connections and closes new ones immediately. */
    public void refuse() {
        refusing = true;
        closeAll();
    }

    /** Relays new connections to another port from now on; existing ones are dropped. */
    public void retarget(int port) {
        targetPort = port;
        closeAll();
    }

    /** How many connections were relayed upstream so far. */
    public int relayedConnections() {
        return relayed.get();
    }

    /** Relays new connections again. */
    public void forward() {
        refusing = false;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                relayed.incrementAndGet();
                sockets.add(client);
                sockets.add(upstream);
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> pump(upstream, client));
            } catch (IOException e) {
                // listener closed or accept failed: the loop condition decides
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away
        } finally {
            quietClose(from);
            quietClose(to);
        }
    }

    private void closeAll() {
        for (Socket s : sockets) {
            quietClose(s);
        }
    }

    private void quietClose(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        refusing = true;
        listener.close();
        closeAll();
        threads.shutdownNow();
    }
}
