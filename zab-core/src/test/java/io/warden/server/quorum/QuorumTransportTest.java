package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import io.warden.zab.Txn;
import io.warden.zab.message.QuorumMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

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

    /** A transport for server 1 that records every reported link closure; server 2 may dial it. */
    private QuorumTransport listening(List<Long> closed, List<PeerFrame> received) throws InterruptedException {
        QuorumTransport t = new QuorumTransport(1, Map.of(2L, new InetSocketAddress("127.0.0.1", 1)), group,
                1 << 20, new QuorumTransport.Inbound() {
                    @Override
                    public void received(long from, PeerFrame frame) {
                        received.add(frame);
                    }

                    @Override
                    public void linkClosed(long peer) {
                        closed.add(peer);
                    }
                });
        closeables.add(t);
        t.bind(new InetSocketAddress("127.0.0.1", 0));
        return t;
    }

    /** Dials as server {@code id}: a length-prefixed Hello, then a SyncRequest that shows the link is up. */
    private static Socket dialAs(InetSocketAddress at, long id, long token) throws IOException {
        Socket s = new Socket(at.getAddress(), at.getPort());
        for (PeerFrame f : List.of(new PeerFrame.Hello(id), new PeerFrame.SyncRequest(token))) {
            ByteBuf body = Unpooled.buffer();
            new PeerCodec(1 << 20).encode(f, body);
            byte[] bytes = new byte[4 + body.readableBytes()];
            Unpooled.wrappedBuffer(bytes).setInt(0, body.readableBytes()).setBytes(4, body);
            s.getOutputStream().write(bytes);
        }
        s.getOutputStream().flush();
        return s;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Waits until {@code n} accepted links are open and every event loop has run their close handlers. */
    private void awaitAcceptedLinks(QuorumTransport t, int n) throws Exception {
        await(n + " accepted links open", () -> t.acceptedLinks() == n);
        for (var loop : group) {
            loop.submit(() -> { }).get(10, TimeUnit.SECONDS); // channelInactive runs after the close future
        }
    }

    @Test
    void theLateCloseOfAPeersOldLinkIsNotReportedWhileItsNewerLinkIsUp() throws Exception {
        List<Long> closed = new CopyOnWriteArrayList<>();
        List<PeerFrame> received = new CopyOnWriteArrayList<>();
        QuorumTransport t = listening(closed, received);
        InetSocketAddress at = t.localAddress();
        try (Socket old = dialAs(at, 2, 1)) {
            await("the old link is up", () -> received.size() == 1);
            try (Socket newer = dialAs(at, 2, 2)) { // the peer restarted and dialled before the old close arrived
                await("the newer link is up", () -> received.size() == 2);
                old.close();
                awaitAcceptedLinks(t, 1);
                assertEquals(List.of(), closed, "the peer is still connected over its newer link");
            }
            awaitAcceptedLinks(t, 0);
            assertEquals(List.of(2L), closed, "the close of its newest link is reported, once");
        }
    }

    @Test
    void aDiffThirtyTimesTheFrameLimitArrivesWholeBetweenTheLinksOtherFrames() throws Exception {
        LinkedBlockingQueue<PeerFrame> inbox = new LinkedBlockingQueue<>();
        QuorumTransport b = new QuorumTransport(2, Map.of(1L, new InetSocketAddress("127.0.0.1", 1)), group,
                64 * 1024, (from, f) -> inbox.add(f));
        closeables.add(b);
        b.bind(new InetSocketAddress("127.0.0.1", 0));
        QuorumTransport a = new QuorumTransport(1, Map.of(2L, b.localAddress()), group, 64 * 1024, (from, f) -> { });
        closeables.add(a);
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
}
