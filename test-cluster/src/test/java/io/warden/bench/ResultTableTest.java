package io.warden.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static RunResult run(String who, String scenario, long ok, double seconds, long latencyUs) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(latencyUs, ok);
        return new RunResult(who, scenario, ok, 1, seconds, h, new Meters(-1, -1, -1, 2 * ok), 0);
    }

    private static List<String> cells(String table, String scenario) {
        for (String line : table.split("\n")) {
            if (line.startsWith("| " + scenario + " |")) {
                return List.of(line.substring(2, line.length() - 2).split(" \\| "));
            }
        }
        throw new AssertionError("no row " + scenario + " in\n" + table);
    }

    @Test
    void rowShowsMedianThroughputRatioAndMergedLatency() {
        ResultTable t = new ResultTable("workload", "ZooKeeper", "Warden", EnumSet.of(ResultTable.Extra.ALLOCATION));
        t.add(run("ZooKeeper", "create", 1000, 1, 2000));
        t.add(run("ZooKeeper", "create", 3000, 1, 2000));
        t.add(run("ZooKeeper", "create", 2000, 1, 2000));
        t.add(run("Warden", "create", 4000, 1, 1000));
        List<String> row = cells(t.render(), "create");
        assertEquals("2,000 (1,000–3,000)", row.get(1));
        assertEquals("4,000", row.get(2));
        assertEquals("2.00×", row.get(3));
        assertEquals("2.00 / 2.00", row.get(4));
        assertEquals("1.00 / 1.00", row.get(5));
        assertEquals("2 / 2", row.get(6));
        assertEquals("3 / 1", row.get(7));
    }

    @Test
    void missingSideIsNotApplicableAndFailuresAreListed() {
        ResultTable t = new ResultTable("workload", "ZooKeeper", "Warden", EnumSet.noneOf(ResultTable.Extra.class));
        t.scenario("getData");
        t.add(run("ZooKeeper", "getData", 500, 0.5, 100));
        t.failed("getData", "Warden", "start-up failed");
        String rendered = t.render();
        List<String> row = cells(rendered, "getData");
        assertEquals("1,000", row.get(1));
        assertEquals("n/a", row.get(2));
        assertEquals("n/a", row.get(3));
        assertTrue(rendered.contains("- getData / Warden: start-up failed"), rendered);
    }

    @Test
    void multiLineFailureBecomesOneListItem() {
        ResultTable t = new ResultTable("workload", "ZooKeeper", "Warden", EnumSet.noneOf(ResultTable.Extra.class));
        t.failed("create", "Warden", "exited with 1:\nError: no main class\n  Caused by: X");
        assertTrue(t.render().contains("- create / Warden: exited with 1: / Error: no main class / Caused by: X\n"),
                t.render());
    }
}
