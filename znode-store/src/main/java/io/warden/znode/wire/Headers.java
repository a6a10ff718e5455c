package io.warden.znode.wire;

/** The headers in front of every request and reply after the handshake. */
public final class Headers {
    private Headers() {}

    public record RequestHeader(int xid, int type) implements JuteRecord {
        @Override
        public void write(JuteWriter out) {
            out.writeInt(xid).writeInt(type);
        }

        public static RequestHeader read(JuteReader in) {
            return new RequestHeader(in.readInt(), in.readInt());
        }
    }

    /** {@code err} is 0 or a KeeperException code; an error reply carries no body. */
    public record ReplyHeader(int xid, long zxid, int err) implements JuteRecord {
        public static final int SIZE = 16;

        @Override
        public void write(JuteWriter out) {
            out.writeInt(xid).writeLong(zxid).writeInt(err);
        }

        public static ReplyHeader read(JuteReader in) {
            return new ReplyHeader(in.readInt(), in.readLong(), in.readInt());
        }
    }

    /** Header of each entry in a multi request or response. */
    public record MultiHeader(int type, boolean done, int err) implements JuteRecord {
        @Override
        public void write(JuteWriter out) {
            out.writeInt(type).writeBool(done).writeInt(err);
        }

        public static MultiHeader read(JuteReader in) {
            return new MultiHeader(in.readInt(), in.readBool(), in.readInt());
        }
    }
}
