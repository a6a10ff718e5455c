package io.warden.server.ensemble;

import io.warden.znode.wire.Headers.ReplyHeader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.JuteWriter;

/** Encodes length-prefixed reply frames. Not thread-safe: one instance per pipeline thread. */
final class ReplyFrames {
    private final JuteWriter writer = new JuteWriter(4096);

    /** {@code body} may be null (header-only reply); an error reply never carries a body. */
    byte[] reply(int xid, long zxid, int err, JuteRecord body) {
        writer.reset();
        writer.writeInt(0);
        new ReplyHeader(xid, zxid, err).write(writer);
        if (body != null && err == 0) {
            body.write(writer);
        }
        writer.putInt(0, writer.size() - 4);
        return writer.toByteArray();
    }

    /** A bare record with no header (the ConnectResponse). */
    byte[] bare(JuteRecord record) {
        writer.reset();
        writer.writeInt(0);
        record.write(writer);
        writer.putInt(0, writer.size() - 4);
        return writer.toByteArray();
    }
}
