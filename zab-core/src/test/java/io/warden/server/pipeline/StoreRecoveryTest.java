package io.warden.server.pipeline;

import io.warden.znode.CreateMode;
import io.warden.znode.ZooDefs.Ids;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.persist.Snapshot;
import io.warden.znode.persist.Storage;
import io.warden.znode.tree.Prepared;
import io.warden.znode.tree.RequestContext;
import io.warden.znode.tree.StoreSnapshot;
import io.warden.znode.tree.ZnodeStore;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnCodec;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.JuteStreamReader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests.CreateRequest;
import io.warden.znode.wire.Requests.PathVersionRequest;
import io.warden.znode.wire.Requests.SetDataRequest;
import io.warden.znode.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Standalone recovery decodes the snapshot file as it streams in (through a fixed buffer, never the
 * whole file in one array) and rebuilds exactly the tree that was written, log tail included.
 */
class StoreRecoveryTest {
    @TempDir
    Path dir;

    /** Applies requests to a store as a standalone server would, logging every txn. */
    private static final class Writer {
        final ZnodeStore store = new ZnodeStore();
        final Storage storage;
        final Random random = new Random(42);
        long zxid;
        long now = 1_700_000_000_000L;

        Writer(Storage storage) {
            this.storage = storage;
        }

        void session(long id) throws IOException {
            apply(id, store.prepareCreateSession(id, 30_000, now));
        }

        void call(long session, int opcode, JuteRecord request) throws IOException {
            RequestContext ctx = new RequestContext(session, 1, AuthInfo.forAddress("127.0.0.1"), null, now);
            apply(session, store.prepare(ctx, opcode, new JuteReader(JuteWriter.encode(request))));
        }

        void create(long session, String path, byte[] data, CreateMode mode) throws IOException {
            call(session, OpCode.create2, new CreateRequest(path, data,
                    random.nextInt(10) == 0 ? Ids.READ_ACL_UNSAFE : Ids.OPEN_ACL_UNSAFE, mode.toFlag(),
                    CreateRequest.NO_TTL));
        }

        private void apply(long session, Prepared p) throws IOException {
            assertTrue(p.isWrite(), "a write");
            TxnHeader header = new TxnHeader(session, 1, ++zxid, now++);
            Txn txn = p.txn();
            storage.log().append(zxid, TxnCodec.encode(header, txn));
            store.apply(header, txn);
        }

        /** Snapshots the store as the standalone Snapshotter does; returns the file written. */
        Snapshot snapshot() throws IOException {
            storage.log().flush();
            try (StoreSnapshot capture = store.beginSnapshot()) {
                return storage.snapshots().write(capture.zxid(), capture::writeTo);
            }
        }

        byte[] data(int size) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            return b;
        }
    }

    /** Every kind of node in a deep and wide tree: persistent, sequential, ephemeral; small to 4 KB data. */
    private static void buildTree(Writer w, int nodes) throws IOException {
        w.session(0x100);
        w.session(0x200);
        for (int i = 0; i < nodes; i++) {
            String parent = "/d" + (i % 40);
            if (i < 40) {
                w.create(0x100, parent, w.data(i), CreateMode.PERSISTENT);
                continue;
            }
            int kind = i % 7;
            CreateMode mode = kind == 0 ? CreateMode.EPHEMERAL : kind == 1 ? CreateMode.PERSISTENT_SEQUENTIAL
                    : kind == 2 ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.PERSISTENT;
            w.create(i % 2 == 0 ? 0x100 : 0x200, parent + "/node-with-a-longish-name-" + i,
                    w.data(w.random.nextInt(i % 50 == 0 ? 4096 : 64)), mode);
        }
    }

    private static void assertSameTree(ZnodeStore expected, ZnodeStore actual) {
        assertEquals(expected.lastProcessedZxid(), actual.lastProcessedZxid(), "lastProcessedZxid");
        assertEquals(expected.nodeCount(), actual.nodeCount(), "node count");
        assertEquals(expected.sessions(), actual.sessions(), "sessions");
        assertEquals(expected.ephemeralsBySession(), actual.ephemeralsBySession(), "ephemerals");
        assertEquals(expected.digest(), actual.digest(), "digest over paths, data, ACLs and stats");
        Deque<String> todo = new ArrayDeque<>();
        todo.push("/");
        while (!todo.isEmpty()) { // the digest says it; this names the first node that differs
            String path = todo.pop();
            assertArrayEquals(expected.dataOf(path), actual.dataOf(path), path);
            assertEquals(expected.statOf(path), actual.statOf(path), path);
            for (String child : expected.childrenOf(path)) {
                todo.push(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
    }

    @Test
    void aSnapshotOfManyNodesAndTheLogAfterItRecoverTheExactTree() throws IOException {
        try (Storage storage = Storage.open(dir, dir)) {
            Writer w = new Writer(storage);
            buildTree(w, 30_000);
            Snapshot snap = w.snapshot();
            for (int i = 0; i < 300; i++) { // the log tail: changes, deletes and creates after the snapshot
                w.call(0x100, OpCode.setData, new SetDataRequest("/d" + (i % 40), w.data(i), -1));
                w.create(0x100, "/tail-" + i, w.data(8), CreateMode.PERSISTENT);
            }
            for (int i = 43; i < 30_000; i += 40) {
                if (i % 7 >= 3) { // a plain persistent node: its path is known
                    w.call(0x200, OpCode.delete, new PathVersionRequest("/d3/node-with-a-longish-name-" + i, -1));
                }
            }
            storage.log().flush();
            ZnodeStore recovered = StoreRecovery.recover(storage);
            assertTrue(snap.zxid() < recovered.lastProcessedZxid(), "the log tail was replayed too");
            assertSameTree(w.store, recovered);
        }
    }

    @Test
    void aSnapshotThousandsOfTimesLargerThanTheDecodeBufferRecoversExactly() throws IOException {
        try (Storage storage = Storage.open(dir, dir)) {
            Writer w = new Writer(storage);
            buildTree(w, 5_000);
            Snapshot snap = w.snapshot();
            assertTrue(snap.bodyLength() > 10_000L * JuteStreamReader.MIN_BUFFER, "body " + snap.bodyLength());
            // Paths and data longer than the buffer take the bypass; shorter ones straddle refills.
            assertSameTree(w.store, StoreRecovery.recover(storage, JuteStreamReader.MIN_BUFFER));
            assertSameTree(w.store, StoreRecovery.recover(storage, 1000));
        }
    }

    @Test
    void recoveryHoldsTheSnapshotOnlyAsTheTreeNotAlsoAsTheWholeFile() throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Storage storage = Storage.open(dir, dir)) {
            Writer w = new Writer(storage);
            w.session(0x100);
            for (int i = 0; i < 40; i++) {
                w.create(0x100, "/big-" + i, w.data(1_000_000), CreateMode.PERSISTENT);
            }
            Snapshot snap = w.snapshot();
            StoreRecovery.recover(storage); // warm up: class loading and the JIT allocate too
            long before = threads.getCurrentThreadAllocatedBytes();
            ZnodeStore recovered = StoreRecovery.recover(storage);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertSameTree(w.store, recovered);
            // The node data alone is ~the body; reading the file into one array first would double it.
            assertTrue(allocated < snap.bodyLength() * 3 / 2, "allocated " + allocated + " bytes to recover a "
                    + snap.bodyLength() + "-byte snapshot");
        }
    }

    @Test
    void bytesAfterTheTreeInASnapshotFailRecovery() throws IOException {
        try (Storage storage = Storage.open(dir, dir)) {
            Writer w = new Writer(storage);
            buildTree(w, 100);
            storage.log().flush();
            JuteWriter body = new JuteWriter();
            w.store.serialize(body);
            byte[] bytes = Arrays.copyOf(body.toByteArray(), body.size() + 4);
            storage.snapshots().write(w.zxid, bytes);
            WireFormatException e = assertThrows(WireFormatException.class, () -> StoreRecovery.recover(storage));
            assertTrue(e.getMessage().contains("4 trailing bytes"), e.getMessage());
        }
    }
}
