package io.warden.server.ensemble;

import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;

/** Length-prefixed jute frames on a plain socket, for tests that must see exactly what a server sends. */
final class RawFrames {
    private RawFrames() {
    }

    /** Writes {@code records} back to back as one frame and flushes. */
    static void writeFrame(Socket s, Record... records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryOutputArchive a = BinaryOutputArchive.getArchive(bytes);
        for (Record r : records) {
            r.serialize(a, "r");
        }
        byte[] body = bytes.toByteArray();
        s.getOutputStream().write(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
        s.getOutputStream().flush();
    }

    /** Blocks for one whole frame (up to the socket's timeout). */
    static BinaryInputArchive readFrame(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return BinaryInputArchive.getArchive(new ByteArrayInputStream(body));
    }
}
