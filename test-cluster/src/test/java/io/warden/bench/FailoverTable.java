package io.warden.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Failover trials per system rendered as one Markdown table (median / p90 / max of each time) and a
 * ratio line, candidate/baseline of the median time to the first acknowledged write. Failed set-ups
 * are listed under it.
 *
 * <p>Not thread-safe; fed by the benchmark's main thread.
 */
final class FailoverTable {
    private final String baseline;
    private final String candidate;
    private final Map<String, List<FailoverTrial>> trials = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    FailoverTable(String baseline, String candidate) {
        this.baseline = baseline;
        this.candidate = candidate;
        trials.put(baseline, new ArrayList<>());
        trials.put(candidate, new ArrayList<>());
    }

    void add(String system, FailoverTrial trial) {
        trials.computeIfAbsent(system, s -> new ArrayList<>()).add(trial);
    }

    void failed(String system, String reason) {
        String oneLine = reason.replaceAll("\\s*\\R\\s*", " / ");
        failures.add(system + ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine));
    }

    static Distribution distribution(List<FailoverTrial> runs, ToDoubleFunction<FailoverTrial> f) {
        return Distribution.of(runs.stream().mapToDouble(f).toArray());
    }

    String render() {
        StringBuilder out = new StringBuilder();
        row(out, List.of("system", "trials", "new leader serving (srvr), ms", "first acknowledged write, ms",
                "all sessions writing, ms", "no write within timeout", "failed writes", "sessions expired / recycled"));
        row(out, List.of("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"));
        for (Map.Entry<String, List<FailoverTrial>> e : trials.entrySet()) {
            List<FailoverTrial> runs = e.getValue();
            Distribution first = distribution(runs, FailoverTrial::firstWriteMs);
            row(out, List.of(e.getKey(), Integer.toString(runs.size()),
                    distribution(runs, FailoverTrial::newLeaderMs).render(), first.render(),
                    distribution(runs, FailoverTrial::allSessionsMs).render(), Integer.toString(first.missing()),
                    Long.toString(runs.stream().mapToLong(FailoverTrial::failedOps).sum()),
                    runs.stream().mapToInt(FailoverTrial::expiredSessions).sum() + " / "
                            + runs.stream().mapToInt(FailoverTrial::recycledSessions).sum()));
        }
        out.append('\n').append(ratioLine());
        if (!failures.isEmpty()) {
            out.append("\nFailed:\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }

    /** "ratio (Warden/ZooKeeper) of the median time to the first acknowledged write: 0.42×" (lower is better). */
    String ratioLine() {
        double b = distribution(trials.get(baseline), FailoverTrial::firstWriteMs).median();
        double c = distribution(trials.get(candidate), FailoverTrial::firstWriteMs).median();
        String ratio = Double.isNaN(b) || Double.isNaN(c) || b == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f×", c / b);
        return "ratio (" + candidate + "/" + baseline + ") of the median time to the first acknowledged write: "
                + ratio + " (lower is better)\n";
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
