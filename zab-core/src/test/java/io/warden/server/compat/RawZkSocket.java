package io.warden.server.compat;

import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.WatcherEvent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bare TCP connection to the client port that speaks the ZooKeeper wire protocol by hand, using the
 * official jute records for encoding. Used to send what the official client never would. Blocking;
 * one thread at a time.
 */
final class RawZkSocket implements Closeable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private byte[] lastBody = new byte[0];
    private final java.util.ArrayDeque<Notification> notifications = new java.util.ArrayDeque<>();

    /** A watch notification (xid -1) with the zxid from its reply header. */
    record Notification(long zxid, int type, int state, String path) {
        String describe() {
            return org.apache.zookeeper.Watcher.Event.EventType.fromInt(type) + " " + path;
        }
    }

    private RawZkSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawZkSocket open(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) Poll.DEFAULT.toMillis());
        s.setTcpNoDelay(true);
        return new RawZkSocket(s);
    }

    /** Writes bytes exactly as given, no framing. */
    void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes {@code int32 length} + payload. */
    void writeFrame(byte[] payload) throws IOException {
        writeBytes(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
    }

    /** Like {@link #writeFrame} but a reset by the server mid-write is fine (it may close before reading it all). */
    void writeFrameTolerant(byte[] payload) throws IOException {
        try {
            writeFrame(payload);
        } catch (SocketException e) {
            // the server closed while we were still writing: awaitClosedByServer will confirm
        }
    }

    /** Serializes the records back to back into one frame. */
    void writeRecords(Record... records) throws IOException {
        writeFrame(serialize(records));
    }

    static byte[] serialize(Record... records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryOutputArchive archive = BinaryOutputArchive.getArchive(bytes);
        for (Record r : records) {
            r.serialize(archive, "r");
        }
        return bytes.toByteArray();
    }

    /** Sends a ConnectRequest (with the trailing readOnly=false byte) and reads the ConnectResponse. */
    ConnectResponse handshake(long lastZxidSeen, int timeoutMs, long sessionId, byte[] password) throws IOException {
        sendConnect(lastZxidSeen, timeoutMs, sessionId, password);
        ConnectResponse resp = new ConnectResponse();
        resp.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(readFrame())), "connect");
        return resp;
    }

    void sendConnect(long lastZxidSeen, int timeoutMs, long sessionId, byte[] password) throws IOException {
        writeRecords(new ConnectRequest(0, lastZxidSeen, timeoutMs, sessionId, password, false));
    }

    /** A new session; fails the test if the server does not grant one. */
    ConnectResponse newSession(int timeoutMs) throws IOException {
        ConnectResponse resp = handshake(0, timeoutMs, 0, new byte[16]);
        if (resp.getTimeOut() <= 0 || resp.getSessionId() == 0) {
            fail("server refused a new session: timeOut=" + resp.getTimeOut() + " sessionId=" + resp.getSessionId());
        }
        return resp;
    }

    /** Reads one frame (length + payload). */
    byte[] readFrame() throws IOException {
        int len = in.readInt();
        if (len < 0 || len > 16 << 20) {
            throw new IOException("unreasonable reply frame length " + len);
        }
        byte[] frame = new byte[len];
        in.readFully(frame);
        return frame;
    }

    /**
     * Sends {@code RequestHeader{xid, type}} + body and returns the matching reply header, skipping
     * notifications (xid -1). The reply body is kept for {@link #lastBody()}.
     */
    ReplyHeader request(int xid, int type, Record body) throws IOException {
        if (body == null) {
            writeRecords(new RequestHeader(xid, type));
        } else {
            writeRecords(new RequestHeader(xid, type), body);
        }
        return readReply();
    }

    /** Reads replies until one that is not a notification; notifications on the way are kept in order. */
    ReplyHeader readReply() throws IOException {
        while (true) {
            byte[] frame = readFrame();
            ByteArrayInputStream bytes = new ByteArrayInputStream(frame);
            BinaryInputArchive archive = BinaryInputArchive.getArchive(bytes);
            ReplyHeader h = new ReplyHeader();
            h.deserialize(archive, "header");
            if (h.getXid() == -1) {
                WatcherEvent e = new WatcherEvent();
                e.deserialize(archive, "event");
                notifications.add(new Notification(h.getZxid(), e.getType(), e.getState(), e.getPath()));
                continue;
            }
            lastBody = bytes.readAllBytes();
            return h;
        }
    }

    /** Notifications that arrived before the replies read so far (taken, oldest first). */
    java.util.List<Notification> takeReceivedNotifications() {
        java.util.List<Notification> out = new java.util.ArrayList<>(notifications);
        notifications.clear();
        return out;
    }

    /** The next notification: one received earlier, or the next frame, which must be a notification. */
    Notification nextNotification() throws IOException {
        if (!notifications.isEmpty()) {
            return notifications.poll();
        }
        byte[] frame = readFrame();
        BinaryInputArchive archive = BinaryInputArchive.getArchive(new ByteArrayInputStream(frame));
        ReplyHeader h = new ReplyHeader();
        h.deserialize(archive, "header");
        if (h.getXid() != -1) {
            fail("expected a notification, got a reply with xid " + h.getXid() + " err " + h.getErr());
        }
        WatcherEvent e = new WatcherEvent();
        e.deserialize(archive, "event");
        return new Notification(h.getZxid(), e.getType(), e.getState(), e.getPath());
    }

    byte[] lastBody() {
        return lastBody;
    }

    /** Deserializes the last reply body into {@code record}. */
    <T extends Record> T lastBodyAs(T record) throws IOException {
        record.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(lastBody)), "body");
        return record;
    }

    /**
     * Waits until the server closes the connection (EOF or reset) and returns how many bytes arrived
     * before that. Fails the test if the connection is still open after {@code timeout}.
     */
    int awaitClosedByServer(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream raw = in;
        int count = 0;
        byte[] buf = new byte[8192];
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                int n = raw.read(buf);
                if (n < 0) {
                    return count;
                }
                count += n;
                if (System.nanoTime() > deadline) {
                    fail("server kept the connection open (and sent " + count + " bytes) for " + timeout.toMillis() + " ms");
                }
            }
        } catch (SocketTimeoutException e) {
            fail("server did not close the connection within " + timeout.toMillis() + " ms (" + count + " bytes received)");
            return -1;
        } catch (SocketException e) {
            return count; // reset by peer counts as closed
        }
    }

    int awaitClosedByServer() throws IOException {
        return awaitClosedByServer(Poll.DEFAULT);
    }

    /** Sends a four-letter word on a fresh connection and returns everything the server writes before closing. */
    static String fourLetterWord(int port, String word) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) Poll.DEFAULT.toMillis());
            s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
