package io.warden.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Collects {@link RunResult}s of a baseline and a candidate per scenario and renders them as one
 * Markdown table: median ops/s over repetitions (with min–max when there are several), the ratio
 * candidate/baseline of the medians, p50/p99 over all repetitions' latencies merged, plus optional
 * per-op cost columns. Failed runs are listed under the table.
 *
 * <p>Not thread-safe; fed by the benchmark's main thread.
 */
final class ResultTable {

    /** Optional cost columns. */
    enum Extra { SERVER_CPU, SERVER_DISK, CLIENT_CPU, ALLOCATION, VIOLATIONS }

    private final String scenarioHeader;
    private final String baseline;
    private final String candidate;
    private final Set<Extra> extras;
    private final Map<String, Map<String, List<RunResult>>> results = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    ResultTable(String scenarioHeader, String baseline, String candidate, Set<Extra> extras) {
        this.scenarioHeader = scenarioHeader;
        this.baseline = baseline;
        this.candidate = candidate;
        this.extras = extras.isEmpty() ? EnumSet.noneOf(Extra.class) : EnumSet.copyOf(extras);
    }

    /** Declares a row so rows keep the order scenarios were planned in. */
    void scenario(String scenario) {
        results.computeIfAbsent(scenario, s -> new LinkedHashMap<>());
    }

    void add(RunResult r) {
        results.computeIfAbsent(r.scenario(), s -> new LinkedHashMap<>())
                .computeIfAbsent(r.contender(), c -> new ArrayList<>()).add(r);
    }

    void failed(String scenario, String contender, String reason) {
        scenario(scenario);
        // One line per failure; the full text went to stderr when it happened.
        String oneLine = reason.replaceAll("\\s*\\R\\s*", " / ");
        failures.add(scenario + " / " + contender + ": "
                + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine));
    }

    String render() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(scenarioHeader, baseline + " ops/s", candidate + " ops/s",
                "ratio (" + candidate + "/" + baseline + ")", baseline + " p50/p99 ms", candidate + " p50/p99 ms"));
        if (extras.contains(Extra.SERVER_CPU)) {
            header.add("server CPU µs/op (" + baseline + " / " + candidate + ")");
        }
        if (extras.contains(Extra.SERVER_DISK)) {
            header.add("server disk B/op (" + baseline + " / " + candidate + ")");
        }
        if (extras.contains(Extra.CLIENT_CPU)) {
            header.add("client CPU µs/op (" + baseline + " / " + candidate + ")");
        }
        if (extras.contains(Extra.ALLOCATION)) {
            header.add("client alloc B/op (" + baseline + " / " + candidate + ")");
        }
        if (extras.contains(Extra.VIOLATIONS)) {
            header.add("exclusion violations");
        }
        header.add("errors");
        row(out, header);
        List<String> rule = new ArrayList<>();
        header.forEach(h -> rule.add("---"));
        row(out, rule);
        for (Map.Entry<String, Map<String, List<RunResult>>> e : results.entrySet()) {
            row(out, cells(e.getKey(), e.getValue().getOrDefault(baseline, List.of()),
                    e.getValue().getOrDefault(candidate, List.of())));
        }
        if (!failures.isEmpty()) {
            out.append("\nFailed runs:\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }

    private List<String> cells(String scenario, List<RunResult> base, List<RunResult> cand) {
        List<String> cells = new ArrayList<>();
        cells.add(scenario);
        cells.add(throughput(base));
        cells.add(throughput(cand));
        double b = median(base, RunResult::opsPerSecond);
        double c = median(cand, RunResult::opsPerSecond);
        cells.add(Double.isNaN(b) || Double.isNaN(c) || b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", c / b));
        cells.add(latency(base));
        cells.add(latency(cand));
        if (extras.contains(Extra.SERVER_CPU)) {
            cells.add(pair(base, cand, RunResult::serverCpuUsPerOp, "%.1f"));
        }
        if (extras.contains(Extra.SERVER_DISK)) {
            cells.add(pair(base, cand, RunResult::serverWriteBytesPerOp, "%.0f"));
        }
        if (extras.contains(Extra.CLIENT_CPU)) {
            cells.add(pair(base, cand, RunResult::clientCpuUsPerOp, "%.1f"));
        }
        if (extras.contains(Extra.ALLOCATION)) {
            cells.add(pair(base, cand, RunResult::allocatedBytesPerOp, "%.0f"));
        }
        if (extras.contains(Extra.VIOLATIONS)) {
            cells.add(sum(base, RunResult::violations) + " / " + sum(cand, RunResult::violations));
        }
        cells.add(sum(base, RunResult::failed) + " / " + sum(cand, RunResult::failed));
        return cells;
    }

    private static String throughput(List<RunResult> runs) {
        if (runs.isEmpty()) {
            return "n/a";
        }
        String median = String.format(Locale.ROOT, "%,.0f", median(runs, RunResult::opsPerSecond));
        if (runs.size() == 1) {
            return median;
        }
        double min = runs.stream().mapToDouble(RunResult::opsPerSecond).min().orElse(Double.NaN);
        double max = runs.stream().mapToDouble(RunResult::opsPerSecond).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%s (%,.0f–%,.0f)", median, min, max);
    }

    private static String latency(List<RunResult> runs) {
        if (runs.isEmpty()) {
            return "n/a";
        }
        Histogram merged = new Histogram(3);
        runs.forEach(r -> merged.add(r.latencyUs()));
        if (merged.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f", merged.getValueAtPercentile(50) / 1000.0,
                merged.getValueAtPercentile(99) / 1000.0);
    }

    private static String pair(List<RunResult> base, List<RunResult> cand, ToDoubleFunction<RunResult> f, String fmt) {
        return one(base, f, fmt) + " / " + one(cand, f, fmt);
    }

    private static String one(List<RunResult> runs, ToDoubleFunction<RunResult> f, String fmt) {
        double v = median(runs, f);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, fmt, v);
    }

    private static String sum(List<RunResult> runs, java.util.function.ToLongFunction<RunResult> f) {
        return runs.isEmpty() ? "n/a" : Long.toString(runs.stream().mapToLong(f).sum());
    }

    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        double[] v = runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
