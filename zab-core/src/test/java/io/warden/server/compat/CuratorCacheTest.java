package io.warden.server.compat;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Curator 5.7.1 CuratorCache against Warden (built on persistent recursive watches). */
class CuratorCacheTest extends CompatTestBase {

    @Test
    void curatorCacheSeesCreatesChangesAndDeletesInTheSubtree() throws Exception {
        CuratorFramework client = curator();
        CuratorFramework writer = curator();
        client.create().forPath("/cache", "root".getBytes(StandardCharsets.UTF_8));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        CountDownLatch initialized = new CountDownLatch(1);
        CuratorCacheListener listener = CuratorCacheListener.builder()
                .forCreates(n -> seen.add("create " + n.getPath() + " " + text(n.getData())))
                .forChanges((old, now) -> seen.add("change " + now.getPath() + " " + text(old.getData()) + "->" + text(now.getData())))
                .forDeletes(n -> seen.add("delete " + n.getPath()))
                .forInitialized(initialized::countDown)
                .afterInitialized()
                .build();
        try (CuratorCache cache = CuratorCache.build(client, "/cache")) {
            cache.listenable().addListener(listener);
            cache.start();
            assertTrue(initialized.await(10, TimeUnit.SECONDS), "cache initialized");

            writer.create().forPath("/cache/a", "1".getBytes(StandardCharsets.UTF_8));
            assertEquals("create /cache/a 1", take(seen));
            writer.setData().forPath("/cache/a", "2".getBytes(StandardCharsets.UTF_8));
            assertEquals("change /cache/a 1->2", take(seen));
            writer.create().forPath("/cache/a/deep", "d".getBytes(StandardCharsets.UTF_8));
            assertEquals("create /cache/a/deep d", take(seen));
            writer.delete().forPath("/cache/a/deep");
            assertEquals("delete /cache/a/deep", take(seen));
            writer.setData().forPath("/cache", "root2".getBytes(StandardCharsets.UTF_8));
            assertEquals("change /cache root->root2", take(seen));
            Poll.until("cache holds /cache/a with data 2",
                    () -> cache.get("/cache/a").map(d -> "2".equals(text(d.getData()))).orElse(false));
            assertEquals(2, cache.size());
        }
    }

    private static String text(byte[] data) {
        return data == null ? "null" : new String(data, StandardCharsets.UTF_8);
    }

    private static String take(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            fail("no cache event within 10 s");
        }
        return s;
    }
}
