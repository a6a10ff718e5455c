package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warden.zab.Role;
import io.warden.zab.Snapshot;
import io.warden.zab.Txn;
import io.warden.zab.election.Vote;
import io.warden.zab.message.Notification;
import io.warden.zab.message.QuorumMessage.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerCodecTest {
    private final PeerCodec codec = new PeerCodec(1 << 20);

    private static Txn txn(long zxid, String s) {
        return new Txn(zxid, s.getBytes());
    }

    private PeerFrame roundTrip(PeerFrame f) {
        ByteBuf buf = Unpooled.buffer();
        codec.encode(f, buf);
        return codec.decode(buf);
    }

    @Test
    void everyFrameAndZabMessageSurvivesARoundTrip() {
        List<PeerFrame> frames = List.of(
                new PeerFrame.Hello(3),
                new PeerFrame.Forward(0x1234L, 7, 1, new byte[]{1, 2, 3}),
                new PeerFrame.SyncRequest(99),
                new PeerFrame.SyncReply(99, 0x100000005L),
                new PeerFrame.Touches(new long[]{1L, 0x7fL << 56}),
                new PeerFrame.Zab(new Notification(new Vote(2, 1, 0x100000003L), 4, Role.LOOKING)),
                new PeerFrame.Zab(new Notification(new Vote(3, 5, 0), 1, Role.OBSERVING)),
                new PeerFrame.Zab(new FollowerInfo(11, 2)),
                new PeerFrame.Zab(new ObserverInfo(11, 2, 0x200000001L)),
                new PeerFrame.Zab(new LeaderInfo(11, 3)),
                new PeerFrame.Zab(new AckEpoch(11, 2, 0x200000001L)),
                new PeerFrame.Zab(new Diff(11, 3, List.of(txn(0x200000002L, "a"), txn(0x200000003L, "bb")))),
                new PeerFrame.Zab(new Diff(11, 3, List.of())),
                new PeerFrame.Zab(new Trunc(11, 3, 0x200000001L, List.of(txn(0x200000002L, "")))),
                new PeerFrame.SnapBegin(11, 3, 0x200000001L, 5L << 32),
                new PeerFrame.SnapChunk(new byte[]{9, 8}),
                new PeerFrame.SnapChunk(new byte[0]),
                new PeerFrame.SnapEnd(List.of(txn(0x200000002L, "x"))),
                new PeerFrame.SnapEnd(List.of()),
                new PeerFrame.Zab(new NewLeader(11, 3, 0x200000002L)),
                new PeerFrame.Zab(new AckNewLeader(11, 3)),
                new PeerFrame.Zab(new UpToDate(11, 3, 0x200000002L)),
                new PeerFrame.Zab(new Proposal(11, 3, txn(0x300000001L, "p"))),
                new PeerFrame.Zab(new Ack(11, 3, 0x300000001L)),
                new PeerFrame.Zab(new Commit(11, 3, 0x300000001L)),
                new PeerFrame.Zab(new Inform(11, 3, txn(0x300000001L, "i"))),
                new PeerFrame.Zab(new Ping(11, 3, 0x300000001L, 0x300000000L)));
        for (PeerFrame f : frames) {
            assertEquals(f, roundTrip(f), () -> "round trip of " + f);
        }
    }

    @Test
    void truncatedFrameIsRefusedWithAClearError() {
        ByteBuf buf = Unpooled.buffer();
        codec.encode(new PeerFrame.Zab(new Proposal(1, 1, txn(0x100000001L, "payload"))), buf);
        ByteBuf cut = buf.slice(0, buf.readableBytes() - 3);
        PeerCodecException e = assertThrows(PeerCodecException.class, () -> codec.decode(cut));
        assertEquals(true, e.getMessage().contains("bad byte array length") || e.getMessage().contains("truncated"));
    }

    @Test
    void unknownTagAndTrailingBytesAreRefused() {
        assertThrows(PeerCodecException.class, () -> codec.decode(Unpooled.wrappedBuffer(new byte[]{(byte) 200, 0, 0, 0, 0, 0, 0, 0, 0})));
        ByteBuf buf = Unpooled.buffer();
        codec.encode(new PeerFrame.Hello(1), buf);
        buf.writeByte(0);
        assertThrows(PeerCodecException.class, () -> codec.decode(buf));
    }

    @Test
    void aSnapHasNoSingleFrameFormAndTheOldSnapTagIsRefused() {
        PeerFrame snap = new PeerFrame.Zab(new Snap(11, 3, new Snapshot(0x200000001L, new byte[]{9}), List.of()));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(snap, Unpooled.buffer()));
        ByteBuf oldSnap = Unpooled.buffer().writeByte(17).writeLong(11).writeLong(3).writeLong(0x200000001L)
                .writeInt(1).writeByte(9).writeInt(0);
        PeerCodecException e = assertThrows(PeerCodecException.class, () -> codec.decode(oldSnap));
        assertTrue(e.getMessage().contains("unknown peer frame tag 17"), e.getMessage());
    }

    @Test
    void aChunkAboveTheChunkLimitOrANegativeSnapshotSizeIsRefused() {
        ByteBuf big = Unpooled.buffer();
        PeerCodec roomy = new PeerCodec(8 << 20);
        roomy.encode(new PeerFrame.SnapChunk(new byte[PeerCodec.MAX_SNAP_CHUNK + 1]), big);
        PeerCodecException e = assertThrows(PeerCodecException.class, () -> roomy.decode(big));
        assertTrue(e.getMessage().contains("bad snapshot chunk length"), e.getMessage());

        ByteBuf negative = Unpooled.buffer();
        codec.encode(new PeerFrame.SnapBegin(1, 1, 1, -1), negative);
        e = assertThrows(PeerCodecException.class, () -> codec.decode(negative));
        assertTrue(e.getMessage().contains("bad snapshot size -1"), e.getMessage());

        ByteBuf lying = Unpooled.buffer().writeByte(7).writeInt(100).writeBytes(new byte[10]); // claims 100, has 10
        assertThrows(PeerCodecException.class, () -> codec.decode(lying));
    }

    @Test
    void writeFramePrefixesTheBodyWithItsLength() {
        ByteBuf framed = Unpooled.buffer();
        codec.writeFrame(new PeerFrame.SyncReply(7, 8), framed);
        int length = framed.readInt();
        assertEquals(framed.readableBytes(), length);
        assertEquals(new PeerFrame.SyncReply(7, 8), codec.decode(framed));
    }

    @Test
    void oversizedByteArrayIsRefusedBeforeAllocation() {
        PeerCodec small = new PeerCodec(4);
        ByteBuf buf = Unpooled.buffer();
        small.encode(new PeerFrame.Forward(1, 1, 1, new byte[5]), buf);
        assertThrows(PeerCodecException.class, () -> small.decode(buf));
    }
}
