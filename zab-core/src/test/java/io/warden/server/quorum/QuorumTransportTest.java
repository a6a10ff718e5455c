package io.warden.server.quorum;

import io.netty.channel.nio.NioEventLoopGroup;
import io.warden.zab.message.QuorumMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class QuorumTransportTest {
    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    record Received(long from, PeerFrame frame) {
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void framesArriveInOrderTaggedWithTheSendersId() throws Exception {
        LinkedBlockingQueue<Received> inboxB = new LinkedBlockingQueue<>();
        QuorumTransport b = new QuorumTransport(2, Map.of(1L, new InetSocketAddress("127.0.0.1", 1)), group,
                1 << 20, (from, f) -> inboxB.add(new Received(from, f)));
        closeables.add(b);
        b.bind(new InetSocketAddress("127.0.0.1", 0));
        QuorumTransport a = new QuorumTransport(1, Map.of(2L, b.localAddress()), group, 1 << 20, (from, f) -> { });
        closeables.add(a);
        a.bind(new InetSocketAddress("127.0.0.1", 0));

        for (int i = 0; i < 100; i++) {
            a.send(2, new QuorumMessage.Ack(5, 1, i));
        }
        a.send(2, new PeerFrame.SyncRequest(42));
        for (int i = 0; i < 100; i++) {
            Received r = inboxB.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "frame " + i + " did not arrive");
            assertEquals(new Received(1, new PeerFrame.Zab(new QuorumMessage.Ack(5, 1, i))), r);
        }
        assertEquals(new Received(1, new PeerFrame.SyncRequest(42)), inboxB.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aLinkBrokenOrRefusedIsRedialledOnALaterSend() throws Exception {
        LinkedBlockingQueue<Received> inboxB = new LinkedBlockingQueue<>();
        QuorumTransport b = new QuorumTransport(2, Map.of(1L, new InetSocketAddress("127.0.0.1", 1)), group,
                1 << 20, (from, f) -> inboxB.add(new Received(from, f)));
        closeables.add(b);
        b.bind(new InetSocketAddress("127.0.0.1", 0));
        QuorumTransport a = new QuorumTransport(1, Map.of(2L, b.localAddress()), group, 1 << 20, (from, f) -> { });
        closeables.add(a);
        a.send(2, new PeerFrame.SyncRequest(1));
        assertEquals(new Received(1, new PeerFrame.SyncRequest(1)), inboxB.poll(10, TimeUnit.SECONDS));
        a.disconnect(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Received r = null;
        while (r == null && System.nanoTime() < deadline) {
            a.send(2, new PeerFrame.SyncRequest(2));
            r = inboxB.poll(50, TimeUnit.MILLISECONDS);
        }
        assertEquals(new Received(1, new PeerFrame.SyncRequest(2)), r);
    }
}
