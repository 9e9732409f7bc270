package clinic.benchmark;

import java.util.Arrays;

/** Percentiles by the nearest-rank method over what was measured. */
final class Stats {

    private Stats() {
    }

    /** The {@code p}th percentile (0..100) of {@code values}; NaN when there are none. */
    static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    static double max(long[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).max().getAsLong();
    }
}
