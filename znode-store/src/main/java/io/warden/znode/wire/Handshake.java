package io.warden.znode.wire;

/** The first frame each way on a client connection; neither has a header. */
public final class Handshake {
    private Handshake() {}

    /** Length of a session password. */
    public static final int PASSWORD_LENGTH = 16;

    /**
     * ConnectRequest. {@code readOnly} is null when the client did not send the optional trailing
     * byte; the server mirrors its presence in the response.
     */
    public record ConnectRequest(int protocolVersion, long lastZxidSeen, int timeOut, long sessionId,
                                 byte[] passwd, Boolean readOnly) implements JuteRecord {
        @Override
        public void write(JuteWriter out) {
            out.writeInt(protocolVersion).writeLong(lastZxidSeen).writeInt(timeOut).writeLong(sessionId).writeBuffer(passwd);
            if (readOnly != null) {
                out.writeBool(readOnly);
            }
        }

        public static ConnectRequest read(JuteReader in) {
            int version = in.readInt();
            long lastZxid = in.readLong();
            int timeout = in.readInt();
            long sessionId = in.readLong();
            byte[] passwd = in.readBuffer();
            Boolean readOnly = in.remaining() > 0 ? in.readBool() : null;
            return new ConnectRequest(version, lastZxid, timeout, sessionId, passwd, readOnly);
        }
    }

    /** ConnectResponse. A timeOut of 0 tells the client its session is invalid or expired. */
    public record ConnectResponse(int protocolVersion, int timeOut, long sessionId, byte[] passwd,
                                  Boolean readOnly) implements JuteRecord {
        @Override
        public void write(JuteWriter out) {
            out.writeInt(protocolVersion).writeInt(timeOut).writeLong(sessionId).writeBuffer(passwd);
            if (readOnly != null) {
                out.writeBool(readOnly);
            }
        }

        public static ConnectResponse read(JuteReader in) {
            int version = in.readInt();
            int timeout = in.readInt();
            long sessionId = in.readLong();
            byte[] passwd = in.readBuffer();
            Boolean readOnly = in.remaining() > 0 ? in.readBool() : null;
            return new ConnectResponse(version, timeout, sessionId, passwd, readOnly);
        }

        /** The answer for an unknown, expired or wrongly authenticated session. */
        public static ConnectResponse invalid(Boolean readOnlyPresent) {
            return new ConnectResponse(0, 0, 0, new byte[PASSWORD_LENGTH], readOnlyPresent == null ? null : false);
        }
    }
}
