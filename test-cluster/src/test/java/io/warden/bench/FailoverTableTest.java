package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailoverTableTest {

    private static FailoverTrial trial(int n, double leaderMs, double firstMs, double allMs) {
        return new FailoverTrial(n, 1, leaderMs, firstMs, allMs, 3, 1, 0, 100);
    }

    @Test
    void rowsShowMedianP90MaxAndTheRatioOfMedianFirstWrites() {
        FailoverTable t = new FailoverTable("ZooKeeper", "Warden");
        t.add("ZooKeeper", trial(1, 400, 500, 900));
        t.add("ZooKeeper", trial(2, 600, 700, 1100));
        t.add("ZooKeeper", trial(3, 500, 600, 1000));
        t.add("Warden", trial(1, 100, 150, 300));
        t.add("Warden", trial(2, 200, 450, 500));
        t.add("Warden", trial(3, 150, 300, 400));
        String out = t.render();
        assertTrue(out.contains("| ZooKeeper | 3 | 500 / 600 / 600 | 600 / 700 / 700 | 1000 / 1100 / 1100 | 0 | 9 | 3 / 0 |"),
                out);
        assertTrue(out.contains("| Warden | 3 | 150 / 200 / 200 | 300 / 450 / 450 |"), out);
        assertTrue(out.contains("first acknowledged write: 0.50×"), out);
    }

    @Test
    void aTrialWithoutAWriteIsCountedNotAveragedIn() {
        FailoverTable t = new FailoverTable("ZooKeeper", "Warden");
        t.add("Warden", trial(1, 100, 150, 300));
        t.add("Warden", trial(2, Double.NaN, Double.NaN, Double.NaN));
        String out = t.render();
        assertTrue(out.contains("| Warden | 2 | 100 / 100 / 100 | 150 / 150 / 150 | 300 / 300 / 300 | 1 |"), out);
        assertTrue(out.contains("| ZooKeeper | 0 | n/a |"), out);
        assertTrue(out.contains("first acknowledged write: n/a"), out);
    }

    @Test
    void aFailedSetUpIsListedOnOneLine() {
        FailoverTable t = new FailoverTable("ZooKeeper", "Warden");
        t.failed("Warden", "java.io.IOException: not whole\n  modes {1=down}");
        assertTrue(t.render().contains("- Warden: java.io.IOException: not whole / modes {1=down}"), t.render());
    }
}
