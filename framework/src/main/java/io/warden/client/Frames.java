package io.warden.client;

import io.warden.znode.wire.Headers.RequestHeader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.JuteWriter;

/** Builds length-prefixed frames and enforces jute.maxbuffer on what we send. */
final class Frames {
    /** Scratch writers above this size are not kept, so a rare huge request does not pin memory in a thread. */
    private static final int MAX_KEPT_SCRATCH = 256 * 1024;
    /** Offset of the xid in a request frame: after the 4-byte length. */
    private static final int XID_OFFSET = 4;
    // Per calling thread: requests are encoded on the caller's thread, each into a fresh exact-size array.
    private static final ThreadLocal<JuteWriter> SCRATCH = ThreadLocal.withInitial(() -> new JuteWriter(4096));

    private Frames() {}

    /**
     * @param header null for the handshake frame
     * @return the whole frame, length prefix included, in an array of exactly its size
     * @throws IllegalArgumentException when the payload exceeds {@code maxBuffer}: the server would
     *         drop the connection, taking every other request with it
     */
    static byte[] encode(RequestHeader header, JuteRecord body, int maxBuffer) {
        JuteWriter w = SCRATCH.get().reset();
        try {
            w.writeInt(0);
            if (header != null) {
                header.write(w);
            }
            if (body != null) {
                body.write(w);
            }
            int len = w.size() - 4;
            if (len > maxBuffer) {
                throw new IllegalArgumentException("request of " + len + " bytes exceeds jute.maxbuffer (" + maxBuffer + " bytes)");
            }
            w.putInt(0, len);
            return w.toByteArray();
        } finally {
            if (w.array().length > MAX_KEPT_SCRATCH) {
                SCRATCH.remove();
            }
        }
    }

    /** Sets the xid of a request frame encoded with a placeholder; xids are assigned in send order. */
    static void setXid(byte[] frame, int xid) {
        frame[XID_OFFSET] = (byte) (xid >>> 24);
        frame[XID_OFFSET + 1] = (byte) (xid >>> 16);
        frame[XID_OFFSET + 2] = (byte) (xid >>> 8);
        frame[XID_OFFSET + 3] = (byte) xid;
    }
}
