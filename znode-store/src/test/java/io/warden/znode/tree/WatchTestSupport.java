package io.warden.znode.tree;

import io.warden.znode.watch.WatchSink;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class WatchTestSupport {
    private WatchTestSupport() {}

    static void assertWatching(ZnodeStore store, WatchSink sink, String... paths) {
        Set<String> actual = store.watches().pathsBySession().getOrDefault(sink.sessionId(), new TreeSet<>());
        assertEquals(new TreeSet<>(Set.of(paths)), actual);
    }
}
