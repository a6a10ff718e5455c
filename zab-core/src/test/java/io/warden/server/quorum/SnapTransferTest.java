package io.warden.server.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import io.warden.zab.Snapshot;
import io.warden.zab.SnapshotData;
import io.warden.zab.Txn;
import io.warden.zab.message.QuorumMessage;
import io.warden.zab.message.QuorumMessage.Snap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SNAPs cross a quorum link as a stream of small frames and arrive whole, or not at all. */
class SnapTransferTest {
    private static final int MAX_FRAME = 1 << 20;
    private static final PeerCodec CODEC = new PeerCodec(MAX_FRAME);

    @TempDir
    Path dir;

    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Server 2, spooling into {@code spool} (null: refuses SNAPs), with server 1 as its only peer. */
    private QuorumTransport receiver(Path spool, QuorumTransport.Inbound inbound) throws Exception {
        QuorumTransport t = new QuorumTransport(2, Map.of(1L, new InetSocketAddress("127.0.0.1", 1)), group,
                MAX_FRAME, spool, inbound);
        closeables.add(t);
        t.bind(new InetSocketAddress("127.0.0.1", 0));
        return t;
    }

    private Path spool() throws IOException {
        return Files.createDirectories(dir.resolve("incoming"));
    }

    private static long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the SNAP content");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static BooleanSupplier spoolHas(Path spool, long n) {
        return () -> {
            try {
                return filesIn(spool) == n;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static byte[] read(SpooledSnapshotData data) throws IOException {
        try (InputStream in = data.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aSnapFiveTimesTheFrameLimitArrivesIntactAndInOrderWithTheLinksOtherFrames() throws Exception {
        byte[] content = new byte[5 << 20];
        new Random(42).nextBytes(content);
        Path source = Files.write(dir.resolve("leader-snapshot"), content); // streamed from disk, as in production
        List<Txn> entries = List.of(new Txn(0x300000002L, "a".getBytes()), new Txn(0x300000003L, "bc".getBytes()));
        Snap big = new Snap(77, 3, new Snapshot(0x300000001L, new SpooledSnapshotData(source, content.length)),
                entries);
        Snap empty = new Snap(78, 3, new Snapshot(0x300000003L, new byte[0]), List.of());

        LinkedBlockingQueue<PeerFrame> inbox = new LinkedBlockingQueue<>();
        Path spool = spool();
        QuorumTransport b = receiver(spool, (from, f) -> inbox.add(f));
        QuorumTransport a = new QuorumTransport(1, Map.of(2L, b.localAddress()), group, MAX_FRAME, spool,
                (f, m) -> { });
        closeables.add(a);
        List<PeerFrame> sent = List.of(new PeerFrame.Zab(new QuorumMessage.Ack(77, 3, 1)), new PeerFrame.SyncRequest(1),
                new PeerFrame.Zab(big), new PeerFrame.Zab(new QuorumMessage.Ack(77, 3, 2)), new PeerFrame.Zab(empty),
                new PeerFrame.SyncRequest(2));
        sent.forEach(f -> a.send(2, f));

        List<PeerFrame> got = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            PeerFrame f = inbox.poll(30, TimeUnit.SECONDS);
            assertNotNull(f, "frame " + i + " did not arrive");
            got.add(f);
        }
        assertEquals(sent.get(0), got.get(0));
        assertEquals(sent.get(1), got.get(1));
        Snap snap = (Snap) ((PeerFrame.Zab) got.get(2)).message();
        assertEquals(List.of(77L, 3L, 0x300000001L), List.of(snap.session(), snap.epoch(), snap.snapshot().zxid()));
        assertEquals(entries, snap.entries());
        SpooledSnapshotData spooled = assertInstanceOf(SpooledSnapshotData.class, snap.snapshot().data());
        assertEquals(spool, spooled.file().getParent());
        assertEquals(content.length, spooled.size());
        assertArrayEquals(content, read(spooled), "same bytes");
        assertEquals(sent.get(3), got.get(3));
        Snap second = (Snap) ((PeerFrame.Zab) got.get(4)).message();
        assertEquals(0, second.snapshot().data().size());
        assertEquals(sent.get(5), got.get(5));

        spooled.delete();
        ((SpooledSnapshotData) second.snapshot().data()).delete();
        assertEquals(0, filesIn(spool), "only the delivered SNAPs were spooled, and their owner removed them");
        assertEquals(null, b.lastLinkError());
    }

    @Test
    void aSnapWhoseContentEndsEarlyClosesTheSendersLinkAndTheReceiverDropsWhatArrived() throws Exception {
        // The content runs dry only once the frame behind the SNAP is queued on the same link: a
        // send after the link already closed would dial a new one and prove nothing.
        CountDownLatch queuedBehind = new CountDownLatch(1);
        SnapshotData shortOfItsSize = new SnapshotData() {
            @Override
            public long size() {
                return 3 << 20;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(new byte[1 << 20]) { // a third of what it declared
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        int n = super.read(b, off, len);
                        if (n < 0) {
                            awaitUninterruptibly(queuedBehind);
                        }
                        return n;
                    }
                };
            }
        };
        List<PeerFrame> received = new CopyOnWriteArrayList<>();
        Path spool = spool();
        QuorumTransport b = receiver(spool, (from, f) -> received.add(f));
        QuorumTransport a = new QuorumTransport(1, Map.of(2L, b.localAddress()), group, MAX_FRAME, null, (f, m) -> { });
        closeables.add(a);
        a.send(2, new PeerFrame.SyncRequest(1));
        a.send(2, new QuorumMessage.Snap(5, 1, new Snapshot(7, shortOfItsSize), List.of()));
        a.send(2, new PeerFrame.SyncRequest(2)); // behind the broken SNAP on the same link: dropped with it
        queuedBehind.countDown();
        await("the link is up", () -> received.size() == 1);
        await("the receiver sees the link close", () -> b.acceptedLinks() == 0);
        await("the partial spool file is deleted", spoolHas(spool, 0));
        assertEquals(List.of(new PeerFrame.SyncRequest(1)), received);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < 2 && System.nanoTime() < deadline) {
            a.send(2, new PeerFrame.SyncRequest(3)); // a later send dials again
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertEquals(new PeerFrame.SyncRequest(3), received.get(1), "a new link works");
        assertTrue(received.stream().noneMatch(f -> f instanceof PeerFrame.Zab), "no SNAP was delivered: " + received);
    }

    /** Dials {@code at} as server 1 and writes {@code frames} (after a Hello) as whole frames. */
    private static Socket dial(InetSocketAddress at, PeerFrame... frames) throws IOException {
        Socket s = new Socket(at.getAddress(), at.getPort());
        s.setSoTimeout(20_000);
        write(s, new PeerFrame.Hello(1));
        write(s, frames);
        return s;
    }

    private static void write(Socket s, PeerFrame... frames) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        for (PeerFrame f : frames) {
            CODEC.writeFrame(f, buf);
        }
        s.getOutputStream().write(ByteBufUtil.getBytes(buf));
        s.getOutputStream().flush();
    }

    @Test
    void aLinkClosedMidTransferLeavesNoSpooledFileAndDeliversNothing() throws Exception {
        List<PeerFrame> received = new CopyOnWriteArrayList<>();
        Path spool = spool();
        QuorumTransport b = receiver(spool, (from, f) -> received.add(f));
        try (Socket s = dial(b.localAddress(), new PeerFrame.SyncRequest(1),
                new PeerFrame.SnapBegin(5, 1, 0x100000001L, 1 << 20), new PeerFrame.SnapChunk(new byte[256 << 10]))) {
            await("a quarter of the SNAP is spooled", () -> {
                try (Stream<Path> files = Files.list(spool)) {
                    return files.anyMatch(p -> p.toFile().length() == 256 << 10);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        await("the partial spool file is deleted", spoolHas(spool, 0));
        assertEquals(List.of(new PeerFrame.SyncRequest(1)), received, "the SNAP was not delivered");
    }

    /** End of stream or a reset (the peer closed with our bytes unread): either way, closed. */
    private static boolean closedByPeer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Sends {@code frames} after a SyncRequest; the receiver must close the link for {@code reason}. */
    private void refused(Path spool, String reason, PeerFrame... frames) throws Exception {
        List<PeerFrame> received = new CopyOnWriteArrayList<>();
        QuorumTransport b = receiver(spool, (from, f) -> received.add(f));
        PeerFrame[] all = Stream.concat(Stream.of(new PeerFrame.SyncRequest(1)), Stream.of(frames))
                .toArray(PeerFrame[]::new);
        try (Socket s = dial(b.localAddress(), all)) {
            assertTrue(closedByPeer(s), "the receiver closed the link");
        }
        String error = b.lastLinkError();
        assertTrue(error != null && error.contains(reason), "closed for '" + reason + "', was: " + error);
        assertEquals(List.of(new PeerFrame.SyncRequest(1)), received, reason + ": nothing but the first frame");
        if (spool != null) {
            await("no spool file left after: " + reason, spoolHas(spool, 0));
        }
    }

    @Test
    void aChunkWithoutABeginClosesTheLink() throws Exception {
        refused(spool(), "SnapChunk without a SnapBegin", new PeerFrame.SnapChunk(new byte[10]),
                new PeerFrame.SnapEnd(List.of()));
    }

    @Test
    void moreBytesThanDeclaredCloseTheLink() throws Exception {
        refused(spool(), "SNAP content exceeds the declared 10 bytes", new PeerFrame.SnapBegin(5, 1, 1, 10),
                new PeerFrame.SnapChunk(new byte[6]), new PeerFrame.SnapChunk(new byte[5]),
                new PeerFrame.SnapEnd(List.of()));
    }

    @Test
    void anEndBeforeEveryDeclaredByteClosesTheLink() throws Exception {
        refused(spool(), "SNAP ended after 6 of the declared 10 bytes", new PeerFrame.SnapBegin(5, 1, 1, 10),
                new PeerFrame.SnapChunk(new byte[6]), new PeerFrame.SnapEnd(List.of()));
    }

    @Test
    void anEndWithoutABeginClosesTheLink() throws Exception {
        refused(spool(), "SnapEnd without a SnapBegin", new PeerFrame.SnapEnd(List.of()));
    }

    @Test
    void anotherFrameOrASecondBeginInsideASnapClosesTheLink() throws Exception {
        refused(spool(), "arrived in the middle of a SNAP", new PeerFrame.SnapBegin(5, 1, 1, 10),
                new PeerFrame.SyncRequest(2), new PeerFrame.SnapChunk(new byte[10]), new PeerFrame.SnapEnd(List.of()));
        refused(spool(), "is still arriving", new PeerFrame.SnapBegin(5, 1, 1, 10),
                new PeerFrame.SnapBegin(5, 1, 1, 10));
    }

    @Test
    void aTransportWithoutASpoolDirectoryRefusesSnaps() throws Exception {
        refused(null, "takes no snapshots", new PeerFrame.SnapBegin(5, 1, 1, 0), new PeerFrame.SnapEnd(List.of()));
    }
}
