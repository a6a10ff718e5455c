package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.Id;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnEntry;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A copy-on-write capture written while the store keeps applying holds exactly the tree at its zxid:
 * loading it and replaying the journal after that zxid gives the live tree, digest and all.
 */
class StoreSnapshotTest {
    private static final List<ACL> READ_ONLY = List.of(new ACL(ZooDefs.Perms.READ, new Id("world", "anyone")));

    @Test
    void captureHoldsTheTreeAtItsZxidWhateverChangesBeforeItIsWritten() throws IOException {
        Workload w = new Workload(7);
        w.run(3000);
        long digestAtCapture = w.h.store.digest();
        StoreSnapshot snap = w.h.store.beginSnapshot();
        int journalAtCapture = w.h.journal.size();
        w.run(4000); // every kind of change lands on nodes the writer has not reached yet
        assertTrue(snap.savedImages() > 0, "changes after the capture saved old images");

        byte[] bytes = write(snap, OutputStream::nullOutputStream);
        ZnodeStore loaded = load(bytes);
        assertEquals(digestAtCapture, snap.digest());
        assertEquals(digestAtCapture, loaded.digest());
        assertEquals(snap.zxid(), loaded.lastProcessedZxid());
        assertEquals(replay(new ZnodeStore(), w.h.journal.subList(0, journalAtCapture)).digest(), loaded.digest());
        assertEquals(w.h.store.digest(), replay(loaded, w.h.journal.subList(journalAtCapture, w.h.journal.size())).digest());
        assertEquals(w.h.store.nodeCount(), loaded.nodeCount());
    }

    @Test
    void captureWrittenConcurrentlyWithWritesRecoversExactly() throws Exception {
        for (int seed = 1; seed <= 8; seed++) {
            Workload w = new Workload(seed);
            w.run(2000);
            StoreSnapshot snap = w.h.store.beginSnapshot();
            int journalAtCapture = w.h.journal.size();
            long digestAtCapture = w.h.store.digest();
            // The writer yields after every chunk so the two threads really interleave.
            CompletableFuture<byte[]> written = CompletableFuture.supplyAsync(() -> {
                try {
                    return write(snap, () -> new YieldingStream());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            while (!written.isDone()) {
                w.run(50);
            }
            ZnodeStore loaded = load(written.get());
            assertEquals(digestAtCapture, loaded.digest(), "seed " + seed);
            replay(loaded, w.h.journal.subList(journalAtCapture, w.h.journal.size()));
            assertEquals(w.h.store.digest(), loaded.digest(), "seed " + seed);
            assertEquals(w.h.store.nodeCount(), loaded.nodeCount(), "seed " + seed);
            assertEquals(w.h.store.childrenOf("/seq"), loaded.childrenOf("/seq"), "seed " + seed);
        }
    }

    @Test
    void aClosedCaptureFailsToWriteAndStopsSavingImages() {
        Workload w = new Workload(3);
        w.run(500);
        StoreSnapshot snap = w.h.store.beginSnapshot();
        assertThrows(IllegalStateException.class, () -> w.h.store.beginSnapshot(), "one capture at a time");
        snap.close();
        assertThrows(IOException.class, () -> snap.writeTo(OutputStream.nullOutputStream()));
        w.run(500);
        assertEquals(0, snap.savedImages(), "a closed capture costs the store nothing");
        StoreSnapshot next = w.h.store.beginSnapshot();
        assertEquals(w.h.store.lastProcessedZxid(), next.zxid());
        next.close();
    }

    @Test
    void captureOfAnUnchangedStoreMatchesTheSynchronousSerialization() throws IOException {
        Workload w = new Workload(11);
        w.run(1000);
        JuteWriter sync = new JuteWriter();
        w.h.store.serialize(sync);
        byte[] captured = write(w.h.store.beginSnapshot(), OutputStream::nullOutputStream);
        assertEquals(sync.size(), captured.length);
        assertEquals(load(sync.toByteArray()).digest(), load(captured).digest());
    }

    // ---- helpers ----

    private interface Streams {
        OutputStream open();
    }

    /** Writes the capture to memory (through {@code slow}'s pacing) and returns the bytes. */
    private static byte[] write(StoreSnapshot snap, Streams slow) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream pace = slow.open();
        snap.writeTo(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                bytes.write(b);
                pace.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                bytes.write(b, off, len);
                pace.write(b, off, len);
            }
        });
        return bytes.toByteArray();
    }

    private static final class YieldingStream extends OutputStream {
        @Override
        public void write(int b) {
            Thread.yield();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Thread.yield();
        }
    }

    private static ZnodeStore load(byte[] bytes) {
        return ZnodeStore.deserialize(new JuteReader(bytes, 0, bytes.length, Integer.MAX_VALUE));
    }

    private static ZnodeStore replay(ZnodeStore store, List<byte[]> entries) {
        for (byte[] e : entries) {
            TxnEntry t = TxnCodec.decodeEntry(e);
            store.apply(t.header(), t.txn());
        }
        return store;
    }

    /** Random creates (plain, sequential, ephemeral, container), deletes, setData, setACL and session churn. */
    private static final class Workload {
        final StoreHarness h = new StoreHarness();
        final Random random;
        final List<StoreHarness.Conn> sessions = new ArrayList<>();
        long nextSession = 100;

        Workload(long seed) {
            random = new Random(seed);
            for (int i = 0; i < 4; i++) {
                sessions.add(h.connect(nextSession++));
            }
            h.create(sessions.get(0), "/seq", new byte[0], 0);
        }

        void run(int ops) {
            for (int i = 0; i < ops; i++) {
                h.now++;
                StoreHarness.Conn c = sessions.get(random.nextInt(sessions.size()));
                String node = randomNode();
                byte[] data = new byte[random.nextInt(40)];
                random.nextBytes(data);
                switch (random.nextInt(10)) {
                    case 0, 1, 2 -> h.create(c, node + "/n" + random.nextInt(50), data, 0);
                    case 3 -> h.create(c, "/seq/s-", data, 2);
                    case 4 -> h.create(c, node + "/e" + random.nextInt(50), data, 1);
                    case 5 -> h.create(c, node + "/c" + random.nextInt(20), data, 4);
                    case 6 -> h.delete(c, node, -1);
                    case 7 -> h.setData(c, node, data, -1);
                    case 8 -> h.call(c, OpCode.setACL, new Requests.SetACLRequest(node,
                            random.nextBoolean() ? READ_ONLY : ZooDefs.Ids.OPEN_ACL_UNSAFE, -1));
                    default -> churnSession();
                }
            }
        }

        private void churnSession() {
            StoreHarness.Conn gone = sessions.remove(random.nextInt(sessions.size()));
            h.applyTxn(gone.session, h.store.prepareCloseSession(gone.session, h.now).txn());
            sessions.add(h.connect(nextSession++));
        }

        /** A random existing node, found by walking down from the root. */
        private String randomNode() {
            String path = "/";
            for (int depth = 0; depth < 4; depth++) {
                List<String> kids = h.store.childrenOf(path);
                if (kids == null || kids.isEmpty() || random.nextInt(4) == 0) {
                    break;
                }
                String kid = kids.get(random.nextInt(kids.size()));
                path = path.equals("/") ? "/" + kid : path + "/" + kid;
            }
            return path;
        }
    }
}
