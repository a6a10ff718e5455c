package io.warden.client;

import io.warden.znode.wire.Handshake;
import io.warden.znode.wire.Headers.ReplyHeader;
import io.warden.znode.wire.Headers.RequestHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.JuteWriter;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A scripted ZooKeeper server for protocol tests: the test accepts a connection, reads frames and
 * writes exactly the bytes it wants, so edge cases (wrong xids, huge frames, silence) are deterministic.
 */
public final class FakeServer implements AutoCloseable {
    private final ServerSocket socket;

    public FakeServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(10_000);
    }

    public String connectString() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public Conn accept() throws IOException {
        Socket s = socket.accept();
        s.setSoTimeout(10_000);
        return new Conn(s);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One accepted client connection. */
    public static final class Conn implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        public byte[] readFrame() throws IOException {
            int len = in.readInt();
            byte[] b = new byte[len];
            in.readFully(b);
            return b;
        }

        /** The next frame, or null if none arrives within {@code ms}. */
        public byte[] readFrame(int ms) throws IOException {
            socket.setSoTimeout(ms);
            try {
                return readFrame();
            } catch (SocketTimeoutException e) {
                return null;
            } finally {
                socket.setSoTimeout(10_000);
            }
        }

        public Handshake.ConnectRequest readConnect() throws IOException {
            return Handshake.ConnectRequest.read(new JuteReader(readFrame()));
        }

        public void acceptSession(long sessionId, int timeoutMs, byte[] passwd) throws IOException {
            write(w -> new Handshake.ConnectResponse(0, timeoutMs, sessionId, passwd, false).write(w));
        }

        /** Reads one request: its header, with the body left in the returned reader. */
        public Incoming readRequest() throws IOException {
            JuteReader r = new JuteReader(readFrame());
            return new Incoming(RequestHeader.read(r), r);
        }

        /** Reads requests until one that is not a ping; fails after 10 s of pings only (a steady ping stream never times out the socket). */
        public Incoming readNonPing() throws IOException {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (true) {
                if (System.nanoTime() - deadline > 0) {
                    throw new SocketTimeoutException("only pings for 10 s");
                }
                Incoming i = readRequest();
                if (i.header().xid() != -2) {
                    return i;
                }
                reply(-2, 0, 0, null);
            }
        }

        public void reply(int xid, long zxid, int err, JuteRecord body) throws IOException {
            write(w -> {
                new ReplyHeader(xid, zxid, err).write(w);
                if (body != null) {
                    body.write(w);
                }
            });
        }

        public void write(JuteRecord frame) throws IOException {
            byte[] payload = JuteWriter.encode(frame);
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
        }

        public void writeRaw(int length, byte[] payload) throws IOException {
            out.writeInt(length);
            out.write(payload);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    public record Incoming(RequestHeader header, JuteReader body) {}
}
