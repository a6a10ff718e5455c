package io.warden.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Median, p90 and max of a small sample (failover trials). NaN entries (a trial that never got
 * there) are left out and counted in {@link #missing}.
 *
 * @param n       values that counted
 * @param missing NaN values left out
 * @param median  middle value, or the mean of the two middle ones; NaN if {@code n == 0}
 * @param p90     nearest rank: the smallest value at or above 90 % of the sample; NaN if {@code n == 0}
 * @param max     NaN if {@code n == 0}
 */
record Distribution(int n, int missing, double median, double p90, double max) {

    static Distribution of(double... values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int missing = values.length - v.length;
        if (v.length == 0) {
            return new Distribution(0, missing, Double.NaN, Double.NaN, Double.NaN);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Distribution(v.length, missing, median, nearestRank(v, 90), v[v.length - 1]);
    }

    /** Nearest-rank percentile of sorted {@code v}: the value at rank ceil(p/100 * n), 1-based. */
    static double nearestRank(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** "median / p90 / max" in ms, e.g. {@code 212 / 480 / 903}; "n/a" when nothing counted. */
    String render() {
        if (n == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%s / %s / %s", ms(median), ms(p90), ms(max));
    }

    private static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
    }
}
