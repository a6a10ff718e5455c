package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.warden.zab.Role;
import io.warden.zab.Txn;
import io.warden.zab.election.Vote;
import io.warden.zab.message.Notification;
import io.warden.zab.message.QuorumMessage;
import io.warden.zab.message.QuorumMessage.Ack;
import io.warden.zab.message.QuorumMessage.AckEpoch;
import io.warden.zab.message.QuorumMessage.AckNewLeader;
import io.warden.zab.message.QuorumMessage.Commit;
import io.warden.zab.message.QuorumMessage.Diff;
import io.warden.zab.message.QuorumMessage.FollowerInfo;
import io.warden.zab.message.QuorumMessage.Inform;
import io.warden.zab.message.QuorumMessage.LeaderInfo;
import io.warden.zab.message.QuorumMessage.NewLeader;
import io.warden.zab.message.QuorumMessage.ObserverInfo;
import io.warden.zab.message.QuorumMessage.Ping;
import io.warden.zab.message.QuorumMessage.Proposal;
import io.warden.zab.message.QuorumMessage.Snap;
import io.warden.zab.message.QuorumMessage.Trunc;
import io.warden.zab.message.QuorumMessage.UpToDate;
import io.warden.zab.message.ZabMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of {@link PeerFrame}s (the body of one length-prefixed frame): a one-byte tag, then
 * the record's fields in declaration order, big-endian; byte arrays and lists carry an int count.
 * Stateless and thread-safe. Malformed input raises {@link PeerCodecException}.
 *
 * <p>A ZAB {@link Snap} has no single-frame form: its content may exceed any frame limit, so it is
 * written as {@link PeerFrame.SnapBegin}, {@link PeerFrame.SnapChunk}s and {@link PeerFrame.SnapEnd}
 * (see {@link SnapStream}).
 */
public final class PeerCodec {
    /** Largest snapshot piece a decoder accepts; senders use {@link SnapStream#CHUNK_BYTES}. */
    public static final int MAX_SNAP_CHUNK = 1 << 20;
    /** Length prefix, tag and byte count in front of a chunk's content. */
    static final int CHUNK_HEADER_BYTES = 4 + 1 + 4;

    private static final int HELLO = 1, FORWARD = 2, SYNC_REQUEST = 3, SYNC_REPLY = 4, TOUCHES = 5,
            SNAP_BEGIN = 6, SNAP_CHUNK = 7, SNAP_END = 8;
    /** A piece of a frame longer than the link's limit (see {@link FrameFragments}); never decoded here. */
    static final byte FRAGMENT = 9;
    // 17 was the single-frame SNAP; it is refused as an unknown tag.
    private static final int NOTIFICATION = 10, FOLLOWER_INFO = 11, OBSERVER_INFO = 12, LEADER_INFO = 13,
            ACK_EPOCH = 14, DIFF = 15, TRUNC = 16, NEW_LEADER = 18, ACK_NEW_LEADER = 19,
            UP_TO_DATE = 20, PROPOSAL = 21, ACK = 22, COMMIT = 23, INFORM = 24, PING = 25;
    private static final Role[] ROLES = Role.values();

    private final int maxBytes;

    /** @param maxBytes largest byte array (txn payload, snapshot) accepted when decoding */
    public PeerCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Writes one whole frame: a 4-byte length, then {@link #encode}'s body. */
    public void writeFrame(PeerFrame frame, ByteBuf out) {
        int at = out.writerIndex();
        out.writeInt(0);
        encode(frame, out);
        out.setInt(at, out.writerIndex() - at - 4);
    }

    /** The frame header of a {@link PeerFrame.SnapChunk} of {@code n} bytes; the content follows it. */
    static void writeChunkHeader(ByteBuf out, int n) {
        out.writeInt(1 + 4 + n).writeByte(SNAP_CHUNK).writeInt(n);
    }

    public void encode(PeerFrame frame, ByteBuf out) {
        if (frame instanceof PeerFrame.Hello h) {
            out.writeByte(HELLO).writeLong(h.serverId());
        } else if (frame instanceof PeerFrame.Forward f) {
            out.writeByte(FORWARD).writeLong(f.sessionId()).writeInt(f.cxid()).writeInt(f.opcode());
            bytes(out, f.body());
        } else if (frame instanceof PeerFrame.SyncRequest s) {
            out.writeByte(SYNC_REQUEST).writeLong(s.token());
        } else if (frame instanceof PeerFrame.SyncReply s) {
            out.writeByte(SYNC_REPLY).writeLong(s.token()).writeLong(s.zxid());
        } else if (frame instanceof PeerFrame.Touches t) {
            out.writeByte(TOUCHES).writeInt(t.sessionIds().length);
            for (long id : t.sessionIds()) {
                out.writeLong(id);
            }
        } else if (frame instanceof PeerFrame.SnapBegin b) {
            out.writeByte(SNAP_BEGIN).writeLong(b.session()).writeLong(b.epoch()).writeLong(b.zxid())
                    .writeLong(b.size());
        } else if (frame instanceof PeerFrame.SnapChunk c) {
            out.writeByte(SNAP_CHUNK);
            bytes(out, c.bytes());
        } else if (frame instanceof PeerFrame.SnapEnd e) {
            out.writeByte(SNAP_END);
            txns(out, e.entries());
        } else if (frame instanceof PeerFrame.Zab z) {
            encodeZab(z.message(), out);
        } else {
            throw new IllegalArgumentException("unknown frame " + frame);
        }
    }

    private void encodeZab(ZabMessage m, ByteBuf out) {
        if (m instanceof Notification n) {
            out.writeByte(NOTIFICATION).writeLong(n.vote().leader()).writeLong(n.vote().peerEpoch())
                    .writeLong(n.vote().zxid()).writeLong(n.round()).writeByte(n.state().ordinal());
        } else if (m instanceof QuorumMessage q) {
            encodeQuorum(q, out);
        } else {
            throw new IllegalArgumentException("unknown ZAB message " + m);
        }
    }

    private void encodeQuorum(QuorumMessage q, ByteBuf out) {
        if (q instanceof FollowerInfo m) {
            head(out, FOLLOWER_INFO, m.session()).writeLong(m.acceptedEpoch());
        } else if (q instanceof ObserverInfo m) {
            head(out, OBSERVER_INFO, m.session()).writeLong(m.currentEpoch()).writeLong(m.lastZxid());
        } else if (q instanceof LeaderInfo m) {
            head(out, LEADER_INFO, m.session()).writeLong(m.epoch());
        } else if (q instanceof AckEpoch m) {
            head(out, ACK_EPOCH, m.session()).writeLong(m.currentEpoch()).writeLong(m.lastZxid());
        } else if (q instanceof Diff m) {
            head(out, DIFF, m.session()).writeLong(m.epoch());
            txns(out, m.entries());
        } else if (q instanceof Trunc m) {
            head(out, TRUNC, m.session()).writeLong(m.epoch()).writeLong(m.truncZxid());
            txns(out, m.entries());
        } else if (q instanceof Snap) {
            throw new IllegalArgumentException("a SNAP has no single-frame form; it is sent as a SnapStream");
        } else if (q instanceof NewLeader m) {
            head(out, NEW_LEADER, m.session()).writeLong(m.epoch()).writeLong(m.lastZxid());
        } else if (q instanceof AckNewLeader m) {
            head(out, ACK_NEW_LEADER, m.session()).writeLong(m.epoch());
        } else if (q instanceof UpToDate m) {
            head(out, UP_TO_DATE, m.session()).writeLong(m.epoch()).writeLong(m.commitZxid());
        } else if (q instanceof Proposal m) {
            head(out, PROPOSAL, m.session()).writeLong(m.epoch());
            txn(out, m.txn());
        } else if (q instanceof Ack m) {
            head(out, ACK, m.session()).writeLong(m.epoch()).writeLong(m.zxid());
        } else if (q instanceof Commit m) {
            head(out, COMMIT, m.session()).writeLong(m.epoch()).writeLong(m.zxid());
        } else if (q instanceof Inform m) {
            head(out, INFORM, m.session()).writeLong(m.epoch());
            txn(out, m.txn());
        } else if (q instanceof Ping m) {
            head(out, PING, m.session()).writeLong(m.epoch()).writeLong(m.zxid()).writeLong(m.commitZxid());
        } else {
            throw new IllegalArgumentException("unknown quorum message " + q);
        }
    }

    private static ByteBuf head(ByteBuf out, int tag, long session) {
        return out.writeByte(tag).writeLong(session);
    }

    private static void bytes(ByteBuf out, byte[] b) {
        out.writeInt(b.length).writeBytes(b);
    }

    private static void txn(ByteBuf out, Txn t) {
        out.writeLong(t.zxid());
        bytes(out, t.payload());
    }

    private static void txns(ByteBuf out, List<Txn> list) {
        out.writeInt(list.size());
        list.forEach(t -> txn(out, t));
    }

    /** Decodes exactly one frame body; trailing bytes are an error. */
    public PeerFrame decode(ByteBuf in) {
        try {
            PeerFrame f = decodeBody(in);
            if (in.isReadable()) {
                throw new PeerCodecException(in.readableBytes() + " trailing bytes after " + f);
            }
            return f;
        } catch (IndexOutOfBoundsException e) {
            throw new PeerCodecException("truncated peer frame", e);
        }
    }

    private PeerFrame decodeBody(ByteBuf in) {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case HELLO -> new PeerFrame.Hello(in.readLong());
            case FORWARD -> new PeerFrame.Forward(in.readLong(), in.readInt(), in.readInt(), bytes(in));
            case SYNC_REQUEST -> new PeerFrame.SyncRequest(in.readLong());
            case SYNC_REPLY -> new PeerFrame.SyncReply(in.readLong(), in.readLong());
            case TOUCHES -> new PeerFrame.Touches(longs(in));
            case SNAP_BEGIN -> snapBegin(in.readLong(), in.readLong(), in.readLong(), in.readLong());
            case SNAP_CHUNK -> new PeerFrame.SnapChunk(chunk(in));
            case SNAP_END -> new PeerFrame.SnapEnd(txns(in));
            case NOTIFICATION -> new PeerFrame.Zab(new Notification(
                    new Vote(in.readLong(), in.readLong(), in.readLong()), in.readLong(), role(in.readUnsignedByte())));
            default -> new PeerFrame.Zab(decodeQuorum(tag, in.readLong(), in));
        };
    }

    private QuorumMessage decodeQuorum(int tag, long s, ByteBuf in) {
        return switch (tag) {
            case FOLLOWER_INFO -> new FollowerInfo(s, in.readLong());
            case OBSERVER_INFO -> new ObserverInfo(s, in.readLong(), in.readLong());
            case LEADER_INFO -> new LeaderInfo(s, in.readLong());
            case ACK_EPOCH -> new AckEpoch(s, in.readLong(), in.readLong());
            case DIFF -> new Diff(s, in.readLong(), txns(in));
            case TRUNC -> new Trunc(s, in.readLong(), in.readLong(), txns(in));
            case NEW_LEADER -> new NewLeader(s, in.readLong(), in.readLong());
            case ACK_NEW_LEADER -> new AckNewLeader(s, in.readLong());
            case UP_TO_DATE -> new UpToDate(s, in.readLong(), in.readLong());
            case PROPOSAL -> new Proposal(s, in.readLong(), txn(in));
            case ACK -> new Ack(s, in.readLong(), in.readLong());
            case COMMIT -> new Commit(s, in.readLong(), in.readLong());
            case INFORM -> new Inform(s, in.readLong(), txn(in));
            case PING -> new Ping(s, in.readLong(), in.readLong(), in.readLong());
            default -> throw new PeerCodecException("unknown peer frame tag " + tag);
        };
    }

    private static Role role(int ordinal) {
        if (ordinal >= ROLES.length) {
            throw new PeerCodecException("unknown role " + ordinal);
        }
        return ROLES[ordinal];
    }

    private static PeerFrame.SnapBegin snapBegin(long session, long epoch, long zxid, long size) {
        if (size < 0) {
            throw new PeerCodecException("bad snapshot size " + size + " in SnapBegin");
        }
        return new PeerFrame.SnapBegin(session, epoch, zxid, size);
    }

    private static byte[] chunk(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > MAX_SNAP_CHUNK || n > in.readableBytes()) {
            throw new PeerCodecException("bad snapshot chunk length " + n + " (" + in.readableBytes()
                    + " readable, at most " + MAX_SNAP_CHUNK + ")");
        }
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    private byte[] bytes(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > maxBytes || n > in.readableBytes()) {
            throw new PeerCodecException("bad byte array length " + n + " (" + in.readableBytes() + " readable)");
        }
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    private Txn txn(ByteBuf in) {
        return new Txn(in.readLong(), bytes(in));
    }

    private List<Txn> txns(ByteBuf in) {
        int n = in.readInt();
        // Each txn takes at least 12 bytes, which bounds a forged count.
        if (n < 0 || (long) n * 12 > in.readableBytes()) {
            throw new PeerCodecException("bad txn count " + n);
        }
        List<Txn> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(txn(in));
        }
        return list;
    }

    private static long[] longs(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes() / 8) {
            throw new PeerCodecException("bad session id count " + n);
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.readLong();
        }
        return ids;
    }
}
