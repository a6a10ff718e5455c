package io.warden.framework;

import io.warden.client.FakeServer;
import io.warden.retry.RetryNTimes;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.wire.Requests;
import io.warden.znode.wire.Responses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write whose reply is lost with the connection: the retry must not do the write twice.
 * Scripted with a fake server, so "the create happened but the reply never came" is exact.
 */
class LostReplyRecoveryTest {
    private static final byte[] PASSWD = new byte[16];
    private FakeServer fake;
    private CuratorFramework client;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeServer();
        client = CuratorFrameworkFactory.builder().connectString(fake.connectString()).sessionTimeoutMs(3000)
                .connectionTimeoutMs(2000).retryPolicy(new RetryNTimes(3, 10)).build();
        client.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        fake.close();
    }

    private FakeServer.Conn connect() throws Exception {
        FakeServer.Conn c = fake.accept();
        c.readConnect();
        c.acceptSession(0x5, 3000, PASSWD);
        return c;
    }

    private static CompletableFuture<String> async(ThrowingSupplier s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.get();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private interface ThrowingSupplier {
        String get() throws Exception;
    }

    @Test
    void protectedCreateFindsItsNodeAfterALostReplyInsteadOfCreatingAgain() throws Exception {
        FakeServer.Conn c = connect();
        CompletableFuture<String> created = async(() ->
                client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath("/locks/lock-", new byte[0]));
        FakeServer.Incoming req = c.readNonPing();
        assertEquals(OpCode.create2, req.header().type());
        String sent = Requests.CreateRequest.read(req.body(), false).path();
        String name = sent.substring("/locks/".length());
        assertTrue(name.matches("_c_[0-9a-f-]{36}-lock-"), name);
        c.close(); // the server created it, but the reply is lost

        FakeServer.Conn c2 = connect();
        FakeServer.Incoming look = c2.readNonPing();
        assertEquals(OpCode.getChildren2, look.header().type(), "first looks for its protected node");
        assertEquals("/locks", Requests.PathWatchRequest.read(look.body()).path());
        c2.reply(look.header().xid(), 9, 0, new Responses.Children2Response(
                List.of("_c_00000000-0000-0000-0000-000000000000-lock-0000000001", name + "0000000007"), new Stat()));
        assertEquals("/locks/" + name + "0000000007", created.get(10, TimeUnit.SECONDS));
        byte[] more = c2.readFrame(300);
        assertTrue(more == null || (more[0] == -1 && more[3] == -2), "no second create was sent");
    }

    @Test
    void idempotentCreateAcceptsItsOwnEarlierWriteOnRetry() throws Exception {
        FakeServer.Conn c = connect();
        CompletableFuture<String> created = async(() -> client.create().idempotent().forPath("/node", "v".getBytes()));
        assertEquals(OpCode.create2, c.readNonPing().header().type());
        c.close();

        FakeServer.Conn c2 = connect();
        FakeServer.Incoming retry = c2.readNonPing();
        assertEquals(OpCode.create2, retry.header().type());
        c2.reply(retry.header().xid(), 10, KeeperException.Code.NODEEXISTS.intValue(), null);
        FakeServer.Incoming check = c2.readNonPing();
        assertEquals(OpCode.getData, check.header().type(), "reads the node to compare the data");
        c2.reply(check.header().xid(), 10, 0, new Responses.GetDataResponse("v".getBytes(), new Stat()));
        assertEquals("/node", created.get(10, TimeUnit.SECONDS));
    }

    @Test
    void protectedCreateInterruptedBeforeItsReplyDeletesTheNodeWhenTheCreateLands() throws Exception {
        FakeServer.Conn c = connect();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath("/locks/lock-", new byte[0]);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        FakeServer.Incoming req = c.readNonPing();
        assertEquals(OpCode.create2, req.header().type());
        String sent = Requests.CreateRequest.read(req.body(), false).path();
        caller.interrupt();
        caller.join(10_000);
        assertTrue(failure.get() instanceof InterruptedException, "the caller sees its interrupt: " + failure.get());

        String made = sent + "0000000003";
        c.reply(req.header().xid(), 11, 0, new Responses.Create2Response(made, new Stat()));
        FakeServer.Incoming delete = c.readNonPing();
        assertEquals(OpCode.delete, delete.header().type(), "the node nobody will ever learn of is removed");
        assertEquals(made, Requests.PathVersionRequest.read(delete.body()).path());
    }
}
