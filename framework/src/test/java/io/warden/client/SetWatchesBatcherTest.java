package io.warden.client;

import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests.SetWatchesRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetWatchesBatcherTest {
    @Test
    void manyWatchesAreSplitIntoBatchesUnder128KiBOfPaths() {
        List<String> data = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            data.add("/some/fairly/long/path/to/a/node/number/" + i);
        }
        List<SetWatchesRequest> batches = SetWatchesBatcher.batches(Map.of(WatchKind.DATA, data), 77, p -> "/root" + p);
        assertTrue(batches.size() > 1);
        int total = 0;
        for (SetWatchesRequest b : batches) {
            int chars = b.dataWatches().stream().mapToInt(String::length).sum();
            assertTrue(chars <= SetWatchesBatcher.MAX_BATCH_CHARS);
            assertEquals(77, b.relativeZxid());
            assertFalse(b.v2(), "setWatches (101) when there are no persistent watches");
            assertTrue(JuteWriter.encode(b).length < 0xfffff);
            total += b.dataWatches().size();
        }
        assertEquals(5000, total);
        assertTrue(batches.get(0).dataWatches().get(0).startsWith("/root/"), "chroot added");
    }

    @Test
    void persistentWatchesSwitchTheBatchToSetWatches2() {
        List<SetWatchesRequest> batches = SetWatchesBatcher.batches(Map.of(
                WatchKind.EXIST, List.of("/e"), WatchKind.PERSISTENT_RECURSIVE, List.of("/r")), 1, p -> p);
        assertEquals(1, batches.size());
        assertTrue(batches.get(0).v2());
        assertEquals(List.of("/e"), batches.get(0).existWatches());
        assertEquals(List.of("/r"), batches.get(0).persistentRecursiveWatches());
    }

    @Test
    void noWatchesMeansNoRequest() {
        assertTrue(SetWatchesBatcher.batches(Map.of(), 1, p -> p).isEmpty());
    }
}
