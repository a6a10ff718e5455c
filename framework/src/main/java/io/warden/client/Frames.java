package io.warden.client;

import io.warden.znode.wire.Headers.RequestHeader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.JuteWriter;

/** Builds length-prefixed frames and enforces jute.maxbuffer on what we send. */
final class Frames {
    private Frames() {}

    /**
     * @param header null for the handshake frame
     * @throws IllegalArgumentException when the payload exceeds {@code maxBuffer}: the server would
     *         drop the connection, taking every other request with it
     */
    static byte[] encode(RequestHeader header, JuteRecord body, int maxBuffer) {
        JuteWriter w = new JuteWriter(64);
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
    }
}
