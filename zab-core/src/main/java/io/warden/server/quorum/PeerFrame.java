package io.warden.server.quorum;

import io.warden.zab.Txn;
import io.warden.zab.message.ZabMessage;

import java.util.Arrays;
import java.util.List;

/**
 * Everything that travels between two Warden servers on the quorum port: a greeting naming the
 * sender, the ZAB core's messages, and Warden's own request forwarding. Immutable records.
 *
 * <p>A ZAB SNAP never travels as one frame: {@link QuorumTransport} sends it as {@link SnapBegin},
 * any number of {@link SnapChunk}s and {@link SnapEnd}, and delivers it reassembled as a {@link Zab}.
 * Those three are transport-level only and never reach {@link QuorumTransport.Inbound}.
 */
public sealed interface PeerFrame {
    /** First frame on every connection: who is dialling. */
    record Hello(long serverId) implements PeerFrame {
    }

    /** One message of the ZAB core. */
    record Zab(ZabMessage message) implements PeerFrame {
    }

    /**
     * A client request a learner received and cannot answer itself, sent raw to the leader: the
     * session, the request's xid, opcode and body (the bytes after the RequestHeader).
     */
    record Forward(long sessionId, int cxid, int opcode, byte[] body) implements PeerFrame {
        @Override
        public boolean equals(Object o) {
            return o instanceof Forward f && f.sessionId == sessionId && f.cxid == cxid && f.opcode == opcode
                    && Arrays.equals(f.body, body);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sessionId) * 31 + cxid * 17 + opcode + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Forward[0x" + Long.toHexString(sessionId) + " cxid " + cxid + " op " + opcode + " "
                    + body.length + "B]";
        }
    }

    /** A learner asks what the leader has committed (the sync opcode); {@code token} pairs the answer. */
    record SyncRequest(long token) implements PeerFrame {
    }

    /** The leader's answer: it had committed up to {@code zxid} when the request arrived. */
    record SyncReply(long token, long zxid) implements PeerFrame {
    }

    /** A learner's batch of sessions its clients touched since the last batch (the leader owns expiry). */
    record Touches(long[] sessionIds) implements PeerFrame {
        @Override
        public boolean equals(Object o) {
            return o instanceof Touches t && Arrays.equals(t.sessionIds, sessionIds);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sessionIds);
        }

        @Override
        public String toString() {
            return "Touches" + Arrays.toString(sessionIds);
        }
    }

    /** Sync phase, SNAP in pieces: {@code size} bytes of snapshot content at {@code zxid} follow. */
    record SnapBegin(long session, long epoch, long zxid, long size) implements PeerFrame {
    }

    /** The next piece of the content announced by {@link SnapBegin} (at most {@link PeerCodec#MAX_SNAP_CHUNK}). */
    record SnapChunk(byte[] bytes) implements PeerFrame {
        @Override
        public boolean equals(Object o) {
            return o instanceof SnapChunk c && Arrays.equals(c.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "SnapChunk[" + bytes.length + "B]";
        }
    }

    /** The content is complete; the SNAP's log entries after the snapshot follow in this frame. */
    record SnapEnd(List<Txn> entries) implements PeerFrame {
        public SnapEnd {
            entries = List.copyOf(entries);
        }
    }
}
