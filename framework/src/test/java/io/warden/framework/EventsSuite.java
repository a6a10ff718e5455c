package io.warden.framework;

import io.warden.framework.api.CuratorEvent;
import io.warden.framework.api.CuratorEventType;
import io.warden.framework.api.CuratorWatcher;
import io.warden.framework.api.transaction.CuratorTransactionResult;
import io.warden.framework.async.CreateOption;
import io.warden.znode.AddWatchMode;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher;
import io.warden.znode.Watcher.Event.EventType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Background callbacks, listeners, watchers (one-shot and persistent) and the async view. */
public abstract class EventsSuite extends SuiteBase {

    private static <T> T take(BlockingQueue<T> q) throws InterruptedException {
        T v = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(v, "event within 10 s");
        return v;
    }

    /** Collects node events (ignores connection-state events) and remembers whether any ran on an I/O thread. */
    private static final class Recorder implements Watcher {
        final BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        volatile boolean onIoThread;

        @Override
        public void process(WatchedEvent event) {
            onIoThread |= isIoThread();
            if (event.getType() != EventType.None) {
                events.add(event);
            }
        }
    }

    @Test
    void backgroundCreateDeliversEventWithNameAndContextOffTheIoThread() throws Exception {
        BlockingQueue<CuratorEvent> q = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> io = new LinkedBlockingQueue<>();
        assertNull(client.create().inBackground((c, e) -> {
            io.add(isIoThread());
            q.add(e);
        }, "ctx").forPath(base, bytes("bg")));
        CuratorEvent e = take(q);
        assertEquals(CuratorEventType.CREATE, e.getType());
        assertEquals(0, e.getResultCode());
        assertEquals(base, e.getPath());
        assertEquals(base, e.getName());
        assertEquals("ctx", e.getContext());
        assertFalse(take(io));
    }

    @Test
    void backgroundErrorsCarryTheKeeperExceptionCode() throws Exception {
        client.create().forPath(base, bytes(""));
        BlockingQueue<CuratorEvent> q = new LinkedBlockingQueue<>();
        client.create().inBackground((c, e) -> q.add(e)).forPath(base, bytes(""));
        assertEquals(KeeperException.Code.NODEEXISTS.intValue(), take(q).getResultCode());
        client.checkExists().inBackground((c, e) -> q.add(e)).forPath(path("/none"));
        CuratorEvent ex = take(q);
        assertEquals(CuratorEventType.EXISTS, ex.getType());
        assertEquals(KeeperException.Code.NONODE.intValue(), ex.getResultCode());
        assertNull(ex.getStat());
    }

    @Test
    void backgroundCallbackRunsOnTheGivenExecutor() throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-exec"));
        try {
            BlockingQueue<String> q = new LinkedBlockingQueue<>();
            client.create().inBackground((c, e) -> q.add(Thread.currentThread().getName()), ex).forPath(base, bytes(""));
            assertEquals("custom-exec", take(q));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void everyBuilderReportsItsEventTypeInBackground() throws Exception {
        client.create().forPath(base, bytes("d"));
        BlockingQueue<CuratorEvent> q = new LinkedBlockingQueue<>();
        client.getData().inBackground((c, e) -> q.add(e)).forPath(base);
        CuratorEvent get = take(q);
        assertEquals(CuratorEventType.GET_DATA, get.getType());
        assertEquals("d", str(get.getData()));
        client.setData().inBackground((c, e) -> q.add(e)).forPath(base, bytes("e"));
        assertEquals(1, take(q).getStat().getVersion());
        client.getChildren().inBackground((c, e) -> q.add(e)).forPath(base);
        assertEquals(List.of(), take(q).getChildren());
        client.getACL().inBackground((c, e) -> q.add(e)).forPath(base);
        assertEquals(1, take(q).getACLList().size());
        client.setACL().withACL(io.warden.znode.ZooDefs.Ids.OPEN_ACL_UNSAFE).inBackground((c, e) -> q.add(e)).forPath(base);
        assertEquals(CuratorEventType.SET_ACL, take(q).getType());
        client.transaction().inBackground((c, e) -> q.add(e))
                .forOperations(client.transactionOp().create().forPath(path("/tx"), bytes("")));
        CuratorEvent tx = take(q);
        assertEquals(CuratorEventType.TRANSACTION, tx.getType());
        assertEquals(path("/tx"), tx.getOpResults().get(0).getResultPath());
        client.delete().deletingChildrenIfNeeded().inBackground((c, e) -> q.add(e)).forPath(base);
        CuratorEvent del = take(q);
        assertEquals(CuratorEventType.DELETE, del.getType());
        assertEquals(0, del.getResultCode());
    }

    @Test
    void backgroundWithoutCallbackGoesToCuratorListeners() throws Exception {
        BlockingQueue<CuratorEvent> q = new LinkedBlockingQueue<>();
        client.getCuratorListenable().addListener((c, e) -> q.add(e));
        client.create().inBackground("hello").forPath(base, bytes(""));
        CuratorEvent e = take(q);
        assertEquals(CuratorEventType.CREATE, e.getType());
        assertEquals("hello", e.getContext());
    }

    @Test
    void callbackThatThrowsReachesUnhandledErrorListeners() throws Exception {
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        client.getUnhandledErrorListenable().addListener((m, e) -> errors.add(e));
        client.create().inBackground((c, e) -> {
            throw new IllegalStateException("boom");
        }).forPath(base, bytes(""));
        assertEquals("boom", take(errors).getMessage());
    }

    @Test
    void getDataWatcherFiresOnceOffTheIoThread() throws Exception {
        client.create().forPath(base, bytes("0"));
        Recorder w = new Recorder();
        client.getData().usingWatcher(w).forPath(base);
        client.getData().usingWatcher(w).forPath(base);
        client.setData().forPath(base, bytes("1"));
        WatchedEvent e = take(w.events);
        assertEquals(EventType.NodeDataChanged, e.getType());
        assertEquals(base, e.getPath());
        client.setData().forPath(base, bytes("2"));
        client.sync().forPath(base);
        client.checkExists().forPath(base);
        assertNull(w.events.poll(200, TimeUnit.MILLISECONDS), "one-shot: no second event");
        assertFalse(w.onIoThread);
    }

    @Test
    void existsWatcherFiresOnCreateAndChildWatcherOnChildChange() throws Exception {
        Recorder w = new Recorder();
        assertNull(client.checkExists().usingWatcher(w).forPath(base));
        client.create().forPath(base, bytes(""));
        assertEquals(EventType.NodeCreated, take(w.events).getType());
        BlockingQueue<WatchedEvent> cq = new LinkedBlockingQueue<>();
        CuratorWatcher cw = cq::add;
        client.getChildren().usingWatcher(cw).forPath(base);
        client.create().forPath(path("/kid"), bytes(""));
        WatchedEvent ce = take(cq);
        assertEquals(EventType.NodeChildrenChanged, ce.getType());
        assertEquals(base, ce.getPath());
    }

    @Test
    void watchedDeliversWatchEventsToCuratorListeners() throws Exception {
        client.create().forPath(base, bytes(""));
        BlockingQueue<CuratorEvent> q = new LinkedBlockingQueue<>();
        client.getCuratorListenable().addListener((c, e) -> {
            if (e.getType() == CuratorEventType.WATCHED && e.getWatchedEvent().getType() != EventType.None) {
                q.add(e);
            }
        });
        client.getData().watched().forPath(base);
        client.delete().forPath(base);
        CuratorEvent e = take(q);
        assertEquals(EventType.NodeDeleted, e.getWatchedEvent().getType());
        assertEquals(base, e.getPath());
    }

    @Test
    void watchEventPathsAreNamespaceRelative() throws Exception {
        String ns = base.substring(1);
        CuratorFramework c = newClient(b -> b.namespace(ns));
        c.create().forPath("/n", bytes(""));
        Recorder w = new Recorder();
        c.getData().usingWatcher(w).forPath("/n");
        client.setData().forPath(base + "/n", bytes("x"));
        assertEquals("/n", take(w.events).getPath());
    }

    @Test
    void persistentRecursiveWatchSeesTheSubtreeUntilRemoved() throws Exception {
        client.create().forPath(base, bytes(""));
        Recorder w = new Recorder();
        client.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher(w).forPath(base);
        client.create().forPath(path("/a"), bytes(""));
        client.setData().forPath(path("/a"), bytes("1"));
        client.setData().forPath(path("/a"), bytes("2"));
        client.delete().forPath(path("/a"));
        List<EventType> seen = List.of(take(w.events).getType(), take(w.events).getType(),
                take(w.events).getType(), take(w.events).getType());
        assertEquals(List.of(EventType.NodeCreated, EventType.NodeDataChanged, EventType.NodeDataChanged,
                EventType.NodeDeleted), seen);
        client.watchers().remove(w).ofType(Watcher.WatcherType.Any).forPath(base);
        assertEquals(EventType.PersistentWatchRemoved, take(w.events).getType());
        client.create().forPath(path("/b"), bytes(""));
        client.sync().forPath(base);
        client.checkExists().forPath(base);
        assertNull(w.events.poll(200, TimeUnit.MILLISECONDS), "removed watcher gets nothing more");
        assertThrows(KeeperException.NoWatcherException.class, () -> client.watchers().remove(w).forPath(base));
        client.watchers().remove(w).quietly().forPath(base);
    }

    @Test
    void persistentWatchReportsChildChangesOfItsOwnPathOnly() throws Exception {
        client.create().forPath(base, bytes(""));
        Recorder w = new Recorder();
        client.watchers().add().withMode(AddWatchMode.PERSISTENT).usingWatcher(w).forPath(base);
        client.create().forPath(path("/c"), bytes(""));
        assertEquals(EventType.NodeChildrenChanged, take(w.events).getType());
        client.setData().forPath(base, bytes("x"));
        assertEquals(EventType.NodeDataChanged, take(w.events).getType());
        client.setData().forPath(path("/c"), bytes("y"));
        client.setData().forPath(base, bytes("z"));
        WatchedEvent next = take(w.events);
        assertEquals(base, next.getPath(), "no event for the child's data");
    }

    @Test
    void localWatchRemovalFiresARemovedEvent() throws Exception {
        client.create().forPath(base, bytes(""));
        BlockingQueue<WatchedEvent> q = new LinkedBlockingQueue<>();
        Watcher w = q::add;
        client.getData().usingWatcher(w).forPath(base);
        client.watchers().remove(w).ofType(Watcher.WatcherType.Data).locally().forPath(base);
        WatchedEvent removed = take(q);
        assertEquals(EventType.DataWatchRemoved, removed.getType());
        client.setData().forPath(base, bytes("x"));
        client.sync().forPath(base);
        client.checkExists().forPath(base);
        assertNull(q.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void asyncViewCompletesOnTheEventThread() throws Exception {
        CompletableFuture<Boolean> onIo = new CompletableFuture<>();
        String created = client.async().create(path("/x/y"), bytes("async"), CreateMode.PERSISTENT,
                        Set.of(CreateOption.createParentsIfNeeded))
                .whenComplete((v, e) -> onIo.complete(isIoThread()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(path("/x/y"), created);
        assertFalse(onIo.get(5, TimeUnit.SECONDS));
        var data = client.async().getData(created).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("async", str(data.data()));
        assertEquals(0, data.stat().getVersion());
        List<CuratorTransactionResult> r = client.async().transaction(List.of(
                client.transactionOp().setData().forPath(created, bytes("t")))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1, r.get(0).getResultStat().getVersion());
        var failed = client.async().create(created, bytes(""));
        Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> failed.toCompletableFuture().get(10, TimeUnit.SECONDS)).getCause();
        assertTrue(t instanceof KeeperException.NodeExistsException, String.valueOf(t));
    }

    @Test
    void runSafeRunsOnTheEventThreadInOrder() throws Exception {
        BlockingQueue<Integer> q = new LinkedBlockingQueue<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            client.runSafe(() -> q.add(n));
        }
        client.runSafe(() -> { }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2, 3, 4), List.of(q.poll(), q.poll(), q.poll(), q.poll(), q.poll()));
    }

    @Test
    void outstandingRequestBoundQueuesButCompletesEverything() throws Exception {
        CuratorFramework c = newClient(b -> b.maxOutstandingRequests(2));
        c.create().forPath(base, bytes(""));
        int n = 200;
        BlockingQueue<Integer> rcs = new LinkedBlockingQueue<>();
        for (int i = 0; i < n; i++) {
            c.create().inBackground((cl, e) -> rcs.add(e.getResultCode())).forPath(path("/n" + i), bytes(""));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(0, take(rcs));
        }
        assertEquals(n, c.getChildren().forPath(base).size());
    }

    @Test
    void blockingCallsWorkInsideWatchers() throws Exception {
        client.create().forPath(base, bytes("v1"));
        CompletableFuture<String> readInWatcher = new CompletableFuture<>();
        client.getData().usingWatcher((CuratorWatcher) e -> {
            if (e.getType() == EventType.NodeDataChanged) {
                readInWatcher.complete(str(client.getData().forPath(base)));
            }
        }).forPath(base);
        client.setData().forPath(base, bytes("v2"));
        assertEquals("v2", readInWatcher.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theThreadFactoryMakesTheEventThread() throws Exception {
        CuratorFramework c = newClient(b -> b.threadFactory(r -> {
            Thread t = new Thread(r, "my-events");
            t.setDaemon(true);
            return t;
        }));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        c.create().inBackground((cl, e) -> q.add(Thread.currentThread().getName())).forPath(base, bytes(""));
        assertEquals("my-events", take(q));
        c.runSafe(() -> q.add(Thread.currentThread().getName()));
        assertEquals("my-events", take(q));
    }

    @Test
    void errorPoliciesDecideWhichStatesAreErrors() throws Exception {
        assertTrue(client.getConnectionStateErrorPolicy().isErrorState(io.warden.framework.state.ConnectionState.SUSPENDED));
        CuratorFramework c = newClient(b -> b.connectionStateErrorPolicy(new io.warden.framework.state.SessionConnectionStateErrorPolicy()));
        var p = c.getConnectionStateErrorPolicy();
        assertFalse(p.isErrorState(io.warden.framework.state.ConnectionState.SUSPENDED));
        assertTrue(p.isErrorState(io.warden.framework.state.ConnectionState.LOST));
        assertFalse(p.isErrorState(io.warden.framework.state.ConnectionState.RECONNECTED));
    }

    @Test
    void watchedOnExistsAndGetChildrenAndRemoveAllClearsEveryWatcherOfAPath() throws Exception {
        BlockingQueue<CuratorEvent> q = new LinkedBlockingQueue<>();
        client.getCuratorListenable().addListener((c, e) -> {
            if (e.getType() == CuratorEventType.WATCHED && e.getWatchedEvent().getType() != EventType.None) {
                q.add(e);
            }
        });
        assertNull(client.checkExists().watched().forPath(base));
        client.create().forPath(base, bytes(""));
        assertEquals(EventType.NodeCreated, q.poll(10, TimeUnit.SECONDS).getWatchedEvent().getType());
        client.getChildren().watched().forPath(base);
        client.create().forPath(path("/k"), bytes(""));
        assertEquals(EventType.NodeChildrenChanged, q.poll(10, TimeUnit.SECONDS).getWatchedEvent().getType());

        Recorder a = new Recorder();
        Recorder b = new Recorder();
        client.getData().usingWatcher(a).forPath(base);
        client.getChildren().usingWatcher(b).forPath(base);
        client.watchers().removeAll().ofType(Watcher.WatcherType.Any).guaranteed().forPath(base);
        assertEquals(EventType.DataWatchRemoved, take(a.events).getType());
        assertEquals(EventType.ChildWatchRemoved, take(b.events).getType());
        client.setData().forPath(base, bytes("x"));
        client.create().forPath(path("/k2"), bytes(""));
        client.sync().forPath(base);
        client.checkExists().forPath(base);
        assertNull(a.events.poll(200, TimeUnit.MILLISECONDS));
        assertNull(b.events.poll(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void orSetDataWithAVersionChecksTheExistingNodesVersion() throws Exception {
        client.create().forPath(base, bytes("a"));
        assertThrows(KeeperException.BadVersionException.class, () -> client.create().orSetData(5).forPath(base, bytes("b")));
        client.create().orSetData(0).forPath(base, bytes("b"));
        assertEquals("b", str(client.getData().forPath(base)));
    }

    @Test
    void watcherRemovingViewDropsTheWatchersSetThroughIt() throws Exception {
        client.create().forPath(base, bytes(""));
        WatcherRemoveCuratorFramework view = client.newWatcherRemoveCuratorFramework();
        Recorder mine = new Recorder();
        Recorder theirs = new Recorder();
        view.getData().usingWatcher(mine).forPath(base);
        view.getChildren().usingWatcher(mine).forPath(base);
        client.getData().usingWatcher(theirs).forPath(base);
        view.removeWatchers();
        client.setData().forPath(base, bytes("x"));
        assertEquals(EventType.NodeDataChanged, take(theirs.events).getType());
        List<EventType> got = new java.util.ArrayList<>();
        for (WatchedEvent e = mine.events.poll(300, TimeUnit.MILLISECONDS); e != null; e = mine.events.poll(100, TimeUnit.MILLISECONDS)) {
            got.add(e.getType());
        }
        assertFalse(got.contains(EventType.NodeDataChanged), got.toString());
        assertTrue(got.contains(EventType.DataWatchRemoved), got.toString());
    }
}
