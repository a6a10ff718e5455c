package io.warden.client;

import io.warden.znode.Stat;
import io.warden.znode.wire.Headers.ReplyHeader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests;
import io.warden.znode.wire.Responses;
import io.warden.znode.ZooDefs.OpCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched send path (caller-side encoding, one loop task per burst, gathered writes) and frame reassembly. */
class PipeliningTest {
    private FakeServer fake;
    private ZkClient client;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close(100);
        }
        fake.close();
    }

    private FakeServer.Conn connect() throws Exception {
        client = new ZkClient(ClientConfig.of(fake.connectString(), Duration.ofMillis(5000), Duration.ofMillis(2000)), null);
        client.start();
        FakeServer.Conn c = fake.accept();
        c.readConnect();
        c.acceptSession(0x51, 5000, new byte[16]);
        client.awaitConnected(10_000).get(10, TimeUnit.SECONDS);
        return c;
    }

    private static Stat stat(int version) {
        Stat s = new Stat();
        s.setVersion(version);
        return s;
    }

    @Test
    void requestsFromManyThreadsLeaveInXidOrderKeepEachThreadsOrderAndGetTheirOwnReplies() throws Exception {
        FakeServer.Conn c = connect();
        int threads = 4;
        int perThread = 200;
        List<List<CompletableFuture<ZkClient.DataAndStat>>> futures = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<CompletableFuture<ZkClient.DataAndStat>> mine = new ArrayList<>();
            futures.add(mine);
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    mine.add(client.getData("/t" + id + "/n" + i, null));
                }
            });
            submitters.add(th);
            th.start();
        }
        go.countDown();
        int[] nextIndex = new int[threads];
        int lastXid = 0;
        for (int k = 0; k < threads * perThread; k++) {
            FakeServer.Incoming r = c.readNonPing();
            assertEquals(OpCode.getData, r.header().type());
            assertEquals(lastXid + 1, r.header().xid(), "xids are consecutive in send order");
            lastXid = r.header().xid();
            String path = Requests.PathWatchRequest.read(r.body()).path();
            int t = path.charAt(2) - '0';
            assertEquals("/t" + t + "/n" + nextIndex[t], path, "one thread's requests keep their order");
            nextIndex[t]++;
            c.reply(r.header().xid(), 100 + k, 0, new Responses.GetDataResponse(path.getBytes(StandardCharsets.UTF_8), stat(k)));
        }
        for (Thread th : submitters) {
            th.join(10_000);
        }
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                ZkClient.DataAndStat d = futures.get(t).get(i).get(10, TimeUnit.SECONDS);
                assertEquals("/t" + t + "/n" + i, new String(d.data(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aRequestLargerThanOneGatheredBufferArrivesIntactBetweenSmallOnes() throws Exception {
        FakeServer.Conn c = connect();
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        big[big.length - 1] = 9;
        CompletableFuture<Stat> small1 = client.setData("/a", new byte[] {1}, -1);
        CompletableFuture<Stat> large = client.setData("/big", big, -1);
        CompletableFuture<Stat> small2 = client.setData("/b", new byte[] {2}, -1);
        String[] paths = {"/a", "/big", "/b"};
        byte[][] datas = {{1}, big, {2}};
        for (int i = 0; i < 3; i++) {
            FakeServer.Incoming r = c.readNonPing();
            Requests.SetDataRequest req = Requests.SetDataRequest.read(r.body());
            assertEquals(paths[i], req.path());
            assertArrayEquals(datas[i], req.data());
            c.reply(r.header().xid(), 10 + i, 0, new Responses.StatResponse(stat(i + 1)));
        }
        assertEquals(1, small1.get(10, TimeUnit.SECONDS).getVersion());
        assertEquals(2, large.get(10, TimeUnit.SECONDS).getVersion());
        assertEquals(3, small2.get(10, TimeUnit.SECONDS).getVersion());
    }

    @Test
    void aReplyArrivingOneByteAtATimeIsReassembledIntoOneFrame() throws Exception {
        FakeServer.Conn c = connect();
        c.socket.setTcpNoDelay(true);
        CompletableFuture<ZkClient.DataAndStat> get = client.getData("/slow", null);
        FakeServer.Incoming r = c.readNonPing();
        JuteWriter w = new JuteWriter();
        new ReplyHeader(r.header().xid(), 5, 0).write(w);
        new Responses.GetDataResponse("hello".getBytes(StandardCharsets.UTF_8), stat(3)).write(w);
        byte[] body = w.toByteArray();
        JuteWriter framed = new JuteWriter();
        framed.writeInt(body.length).writeRaw(body, 0, body.length);
        for (byte b : framed.toByteArray()) {
            c.out.write(b);
            c.out.flush();
        }
        ZkClient.DataAndStat d = get.get(10, TimeUnit.SECONDS);
        assertEquals("hello", new String(d.data(), StandardCharsets.UTF_8));
        assertEquals(3, d.stat().getVersion());
        assertTrue(client.isConnected(), "a split frame is not an error");
    }
}
