package io.warden.framework;

import io.warden.framework.state.ConnectionState;
import io.warden.recipes.cache.ChildData;
import io.warden.recipes.cache.CuratorCache;
import io.warden.recipes.cache.CuratorCacheListener;
import io.warden.recipes.cache.PathChildrenCacheEvent;
import io.warden.recipes.cache.TreeCacheEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CuratorCache and its listener builder (including the PathChildrenCache/TreeCache/NodeCache bridges). */
public abstract class CacheSuite extends SuiteBase {

    private static String take(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "cache event within 10 s");
        return s;
    }

    private static List<String> take(BlockingQueue<String> q, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(take(q));
        }
        return out;
    }

    private static CuratorCacheListener recorder(BlockingQueue<String> q) {
        return CuratorCacheListener.builder()
                .forCreates(d -> q.add("created " + d.path()))
                .forChanges((o, n) -> q.add("changed " + n.path() + " " + str(o.data()) + "->" + str(n.data())))
                .forDeletes(d -> q.add("deleted " + d.path()))
                .forInitialized(() -> q.add("initialized"))
                .build();
    }

    @Test
    void initialLoadReportsEveryNodeThenInitializedThenLiveChanges() throws Exception {
        client.create().creatingParentsIfNeeded().forPath(path("/a/b"), bytes("ab"));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (CuratorCache cache = CuratorCache.build(client, base)) {
            cache.listenable().addListener(recorder(q));
            cache.start();
            List<String> initial = take(q, 4);
            assertEquals("initialized", initial.get(3));
            assertTrue(initial.containsAll(List.of("created " + base, "created " + path("/a"), "created " + path("/a/b"))));
            assertEquals(3, cache.size());
            assertEquals("ab", str(cache.get(path("/a/b")).orElseThrow().data()));

            client.create().forPath(path("/c"), bytes("1"));
            assertEquals("created " + path("/c"), take(q));
            client.setData().forPath(path("/c"), bytes("2"));
            assertEquals("changed " + path("/c") + " 1->2", take(q));
            client.delete().deletingChildrenIfNeeded().forPath(path("/a"));
            assertEquals(List.of("deleted " + path("/a/b"), "deleted " + path("/a")), take(q, 2));
            assertFalse(cache.get(path("/a")).isPresent());
            assertEquals(2, cache.size());
        }
    }

    @Test
    void afterInitializedHidesTheInitialLoad() throws Exception {
        client.create().creatingParentsIfNeeded().forPath(path("/x"), bytes(""));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (CuratorCache cache = CuratorCache.build(client, base)) {
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forCreates(d -> q.add("created " + d.path()))
                    .forInitialized(() -> q.add("initialized"))
                    .afterInitialized().build());
            cache.start();
            assertEquals("initialized", take(q));
            client.create().forPath(path("/y"), bytes(""));
            assertEquals("created " + path("/y"), take(q));
        }
    }

    @Test
    void singleNodeCacheFollowsOnlyTheRootAndFeedsNodeCacheListeners() throws Exception {
        client.create().forPath(base, bytes("v0"));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (CuratorCache cache = CuratorCache.build(client, base, CuratorCache.Options.SINGLE_NODE_CACHE)) {
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forNodeCache(() -> q.add("nodeChanged"))
                    .forInitialized(() -> q.add("initialized")).build());
            cache.start();
            assertEquals(List.of("nodeChanged", "initialized"), take(q, 2));
            client.create().forPath(path("/child"), bytes(""));
            client.setData().forPath(base, bytes("v1"));
            assertEquals("nodeChanged", take(q));
            assertEquals("v1", str(cache.get(base).orElseThrow().data()));
            assertEquals(1, cache.size(), "children are not cached");
        }
    }

    @Test
    void pathChildrenCacheBridgeReportsDirectChildrenOnly() throws Exception {
        client.create().creatingParentsIfNeeded().forPath(path("/k1"), bytes(""));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (CuratorCache cache = CuratorCache.build(client, base)) {
            cache.listenable().addListener(CuratorCacheListener.builder().forPathChildrenCache(base, client,
                    (c, e) -> q.add(e.getType() + (e.getData() == null ? "" : " " + e.getData().path()))).build());
            cache.start();
            assertEquals(List.of(PathChildrenCacheEvent.Type.CHILD_ADDED + " " + path("/k1"),
                    PathChildrenCacheEvent.Type.INITIALIZED.toString()), take(q, 2));
            client.create().forPath(path("/k1/grandchild"), bytes(""));
            client.setData().forPath(path("/k1"), bytes("u"));
            assertEquals(PathChildrenCacheEvent.Type.CHILD_UPDATED + " " + path("/k1"), take(q));
            client.delete().deletingChildrenIfNeeded().forPath(path("/k1"));
            assertEquals(PathChildrenCacheEvent.Type.CHILD_REMOVED + " " + path("/k1"), take(q));
        }
    }

    @Test
    void treeCacheBridgeReportsEveryNode() throws Exception {
        client.create().forPath(base, bytes(""));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (CuratorCache cache = CuratorCache.build(client, base)) {
            cache.listenable().addListener(CuratorCacheListener.builder().forTreeCache(client,
                    (c, e) -> q.add(e.getType() + (e.getData() == null ? "" : " " + e.getData().path()))).build());
            cache.start();
            assertEquals(List.of(TreeCacheEvent.Type.NODE_ADDED + " " + base, TreeCacheEvent.Type.INITIALIZED.toString()),
                    take(q, 2));
            client.create().creatingParentsIfNeeded().forPath(path("/p/q"), bytes(""));
            assertEquals(List.of(TreeCacheEvent.Type.NODE_ADDED + " " + path("/p"), TreeCacheEvent.Type.NODE_ADDED + " " + path("/p/q")),
                    take(q, 2));
        }
    }

    @Test
    void dataNotCachedKeepsStatsOnlyAndCompressedDataIsDecompressed() throws Exception {
        client.create().compressed().forPath(base, bytes("zipped"));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (CuratorCache plain = CuratorCache.builder(client, base).withDataNotCached().build();
             CuratorCache zipped = CuratorCache.build(client, base, CuratorCache.Options.COMPRESSED_DATA)) {
            plain.listenable().addListener(CuratorCacheListener.builder().forInitialized(() -> q.add("p")).build());
            zipped.listenable().addListener(CuratorCacheListener.builder().forInitialized(() -> q.add("z")).build());
            plain.start();
            zipped.start();
            take(q, 2);
            ChildData p = plain.get(base).orElseThrow();
            assertNull(p.data());
            assertTrue(p.stat().getDataLength() > 0);
            assertEquals("zipped", str(zipped.get(base).orElseThrow().data()));
        }
    }

    @Test
    void cacheRebuildsAndKeepsWatchingAfterTheSessionIsLost() throws Exception {
        CuratorFramework c = newClient(b -> b);
        c.create().forPath(base, bytes(""));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        c.getConnectionStateListenable().addListener((cl, s) -> states.add(s));
        try (CuratorCache cache = CuratorCache.build(c, base)) {
            cache.listenable().addListener(recorder(q));
            cache.start();
            assertEquals(List.of("created " + base, "initialized"), take(q, 2));
            c.getZookeeperClient().getZooKeeper().injectSessionExpiration();
            assertEquals(ConnectionState.LOST, states.poll(10, TimeUnit.SECONDS));
            assertEquals(ConnectionState.RECONNECTED, states.poll(10, TimeUnit.SECONDS));
            client.create().forPath(path("/after"), bytes("z"));
            assertEquals("created " + path("/after"), take(q));
        }
    }

    @Test
    void closedCacheIsClearedAndSilent() throws Exception {
        client.create().forPath(base, bytes(""));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        CuratorCache cache = CuratorCache.build(client, base);
        cache.listenable().addListener(recorder(q));
        cache.start();
        take(q, 2);
        cache.close();
        assertEquals(0, cache.size());
        client.create().forPath(path("/late"), bytes(""));
        client.sync().forPath(base);
        assertNull(q.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void forCreatesAndChangesSeesBothWithNullOldDataOnCreate() throws Exception {
        client.create().forPath(base, bytes("0"));
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        try (CuratorCache cache = CuratorCache.build(client, base)) {
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forCreatesAndChanges((o, n) -> q.add((o == null ? "null" : str(o.data())) + "->" + str(n.data())))
                    .forAll((type, o, n) -> q.add(type.name()))
                    .build());
            cache.start();
            List<String> first = take(q, 2);
            assertTrue(first.containsAll(List.of("null->0", "NODE_CREATED")), first.toString());
            client.setData().forPath(base, bytes("1"));
            assertTrue(take(q, 2).containsAll(List.of("0->1", "NODE_CHANGED")));
        }
    }
}
