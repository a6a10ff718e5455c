package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.warden.zab.Snapshot;
import io.warden.zab.SnapshotData;
import io.warden.zab.Txn;
import io.warden.zab.message.QuorumMessage.Snap;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapStreamTest {
    private final PeerCodec codec = new PeerCodec(1 << 20);

    /** Every frame the stream yields, decoded; each is checked to be a whole length-prefixed frame. */
    private List<PeerFrame> drain(SnapStream stream, int maxFrame) throws IOException {
        List<PeerFrame> frames = new ArrayList<>();
        while (!stream.isEndOfInput()) {
            ByteBuf buf = stream.readChunk(ByteBufAllocator.DEFAULT);
            try {
                assertTrue(buf.readableBytes() <= maxFrame, "frame of " + buf.readableBytes() + " bytes");
                assertEquals(buf.readableBytes() - 4, buf.readInt(), "length prefix");
                frames.add(codec.decode(buf));
            } finally {
                buf.release();
            }
        }
        return frames;
    }

    @Test
    void aSnapBecomesBeginThenChunksOfAtMostTheChunkSizeThenEndWithTheEntries() throws IOException {
        byte[] content = new byte[1_000_003];
        new Random(1).nextBytes(content);
        List<Txn> entries = List.of(new Txn(0x500000002L, new byte[]{1}), new Txn(0x500000003L, new byte[]{2, 3}));
        Snap snap = new Snap(7, 5, new Snapshot(0x500000001L, content), entries);

        List<PeerFrame> frames = drain(new SnapStream(snap, codec, 100_000, null),
                100_000 + PeerCodec.CHUNK_HEADER_BYTES);

        assertEquals(new PeerFrame.SnapBegin(7, 5, 0x500000001L, content.length), frames.get(0));
        assertEquals(new PeerFrame.SnapEnd(entries), frames.get(frames.size() - 1));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (PeerFrame f : frames.subList(1, frames.size() - 1)) {
            body.writeBytes(((PeerFrame.SnapChunk) f).bytes());
        }
        assertEquals(11, frames.size() - 2, "ceil(1000003 / 100000) chunks");
        assertArrayEquals(content, body.toByteArray());
    }

    @Test
    void anEmptySnapshotIsBeginAndEndOnly() throws IOException {
        Snap snap = new Snap(1, 1, new Snapshot(0, new byte[0]), List.of());
        assertEquals(List.of(new PeerFrame.SnapBegin(1, 1, 0, 0), new PeerFrame.SnapEnd(List.of())),
                drain(new SnapStream(snap, codec, 1024, null), 1024));
    }

    @Test
    void contentShorterThanItsDeclaredSizeFailsTheStreamAndClosesTheSource() throws IOException {
        boolean[] closed = {false};
        SnapshotData lying = new SnapshotData() {
            @Override
            public long size() {
                return 10;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(new byte[4]) {
                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                };
            }
        };
        SnapStream stream = new SnapStream(new Snap(1, 1, new Snapshot(1, lying), List.of()), codec, 1024, null);
        stream.readChunk(ByteBufAllocator.DEFAULT).release(); // SnapBegin
        IOException e = assertThrows(IOException.class, () -> stream.readChunk(ByteBufAllocator.DEFAULT));
        assertTrue(e.getMessage().contains("ended after 4 of its 10 bytes"), e.getMessage());
        stream.close(); // what ChunkedWriteHandler does with a failed input
        assertTrue(closed[0], "the snapshot stream was closed");
    }

    @Test
    void afterAFewChunksTheStreamYieldsOnceAndAsksToBeResumed() throws IOException {
        int[] yields = {0};
        Snap snap = new Snap(1, 1, new Snapshot(9, new byte[10 * 1000]), List.of());
        SnapStream stream = new SnapStream(snap, codec, 1000, () -> yields[0]++);
        StringBuilder shape = new StringBuilder();
        while (!stream.isEndOfInput()) {
            ByteBuf buf = stream.readChunk(ByteBufAllocator.DEFAULT);
            if (buf == null) {
                shape.append("|").append(yields[0]);
                continue;
            }
            buf.skipBytes(4);
            PeerFrame f = codec.decode(buf);
            buf.release();
            shape.append(f instanceof PeerFrame.SnapChunk ? "c" : f instanceof PeerFrame.SnapBegin ? "B" : "E");
        }
        assertEquals(4, SnapStream.CHUNKS_PER_TURN);
        assertEquals("Bcccc|1cccc|2ccE", shape.toString(), "a yield, and one resume request, every 4 chunks");
    }

    @Test
    void underChunkedWriteHandlerAYieldedStreamIsResumedByTheScheduledTaskUntilItsEnd() {
        byte[] content = new byte[10 * 1000];
        new Random(2).nextBytes(content);
        Snap snap = new Snap(1, 1, new Snapshot(9, content), List.of());
        ChunkedWriteHandler streamer = new ChunkedWriteHandler();
        EmbeddedChannel ch = new EmbeddedChannel(streamer);
        ch.write(new SnapStream(snap, codec, 1000, SnapStream.resumeOnLaterTurn(ch.eventLoop(), streamer)));
        ch.write(Unpooled.wrappedBuffer(new byte[]{42})); // queued behind the stream
        ch.flush();

        List<Object> out = new ArrayList<>();
        for (int rounds = 0; rounds < 20 && out.size() < 13; rounds++) {
            for (Object m = ch.readOutbound(); m != null; m = ch.readOutbound()) {
                out.add(m);
            }
            ch.runScheduledPendingTasks();
        }
        assertEquals(13, out.size(), "SnapBegin, 10 chunks, SnapEnd, then the frame written after the stream");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<PeerFrame> frames = new ArrayList<>();
        for (Object m : out.subList(0, 12)) {
            ByteBuf buf = (ByteBuf) m;
            buf.skipBytes(4);
            frames.add(codec.decode(buf));
            buf.release();
        }
        frames.subList(1, 11).forEach(f -> body.writeBytes(((PeerFrame.SnapChunk) f).bytes()));
        assertInstanceOf(PeerFrame.SnapBegin.class, frames.get(0));
        assertInstanceOf(PeerFrame.SnapEnd.class, frames.get(11));
        assertArrayEquals(content, body.toByteArray());
        assertEquals(42, ((ByteBuf) out.get(12)).getByte(0), "order kept with what followed the stream");
        ch.finishAndReleaseAll();
    }
}
