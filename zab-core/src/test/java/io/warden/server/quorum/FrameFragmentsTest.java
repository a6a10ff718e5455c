package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.warden.zab.Txn;
import io.warden.zab.message.QuorumMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Frames longer than a link's frame limit (a DIFF of many logged transactions) arrive whole and in order. */
class FrameFragmentsTest {
    private static final int MAX_FRAME = 64 * 1024;

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private QuorumTransport transport(long id, long peer, InetSocketAddress peerAt, QuorumTransport.Inbound in)
            throws Exception {
        QuorumTransport t = new QuorumTransport(id, Map.of(peer, peerAt), group, MAX_FRAME, in);
        closeables.add(t);
        t.bind(new InetSocketAddress("127.0.0.1", 0));
        return t;
    }

    @Test
    void aDiffThirtyTimesTheFrameLimitArrivesWholeBetweenTheLinksOtherFrames() throws Exception {
        LinkedBlockingQueue<PeerFrame> inbox = new LinkedBlockingQueue<>();
        QuorumTransport b = transport(2, 1, new InetSocketAddress("127.0.0.1", 1), (from, f) -> inbox.add(f));
        QuorumTransport a = transport(1, 2, b.localAddress(), (from, f) -> { });
        Random random = new Random(7);
        List<Txn> entries = new ArrayList<>();
        for (int i = 1; i <= 200; i++) { // 200 x 10 KiB: about 2 MiB in one DIFF
            byte[] payload = new byte[10 * 1024];
            random.nextBytes(payload);
            entries.add(new Txn(0x100000000L + i, payload));
        }
        List<PeerFrame> sent = List.of(new PeerFrame.SyncRequest(1),
                new PeerFrame.Zab(new QuorumMessage.Diff(9, 1, entries)), new PeerFrame.SyncRequest(2),
                new PeerFrame.Zab(new QuorumMessage.Diff(9, 1, entries.subList(0, 2))), new PeerFrame.SyncRequest(3));
        sent.forEach(f -> a.send(2, f));

        for (int i = 0; i < sent.size(); i++) {
            PeerFrame got = inbox.poll(30, TimeUnit.SECONDS);
            assertNotNull(got, "frame " + i + " did not arrive");
            assertEquals(sent.get(i), got, "frame " + i);
        }
    }

    private static ByteBuf fragment(boolean last, int bytes) {
        return Unpooled.buffer().writeByte(PeerCodec.FRAGMENT).writeByte(last ? 1 : 0)
                .writeZero(bytes);
    }

    @Test
    void fragmentsBeyondTheAssemblyLimitOrAFrameAmongFragmentsAreRefused() {
        EmbeddedChannel tooLong =
                new EmbeddedChannel(new FrameFragments.Assembler(100));
        tooLong.writeInbound(fragment(false, 60));
        PeerCodecException e = assertThrows(PeerCodecException.class,
                () -> tooLong.writeInbound(fragment(true, 60)));
        assertEquals("fragmented frame longer than 100 bytes", e.getMessage());

        EmbeddedChannel interleaved =
                new EmbeddedChannel(new FrameFragments.Assembler(100));
        interleaved.writeInbound(fragment(false, 10));
        assertThrows(PeerCodecException.class,
                () -> interleaved.writeInbound(Unpooled.buffer().writeByte(1).writeLong(2)));

        EmbeddedChannel joined =
                new EmbeddedChannel(new FrameFragments.Assembler(100));
        joined.writeInbound(fragment(false, 30));
        joined.writeInbound(fragment(true, 20));
        ByteBuf whole = joined.readInbound();
        assertEquals(50, whole.readableBytes(), "the pieces without their headers, as one body");
        whole.release();
    }
}
