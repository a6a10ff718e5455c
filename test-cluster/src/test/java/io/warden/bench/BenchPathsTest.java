package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPathsTest {

    @Test
    void dataNodesCycleFromASessionSpecificStartAndStayInRange() {
        BenchPaths paths = new BenchPaths("/bench", 10);
        assertEquals("/bench/data/n-0", paths.dataNode(0, 0));
        assertEquals("/bench/data/n-3", paths.dataNode(0, 13));
        assertEquals("/bench/data/n-1", paths.dataNode(1, 0));
        assertEquals(10, paths.dataNodes().size());
    }

    @Test
    void parentsComeOutermostFirst() {
        assertEquals(List.of("/a", "/a/b", "/a/b/create", "/a/b/data"), new BenchPaths("/a/b", 1).parents());
    }

    @Test
    void relativeRootIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BenchPaths("bench", 1));
    }
}
