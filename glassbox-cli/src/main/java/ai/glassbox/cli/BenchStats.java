package ai.glassbox.cli;

/** The statistics the bench commands report: mean ± sample standard deviation, nearest-rank percentiles. */
final class BenchStats {
    private BenchStats() {}

    /** "mean ± stddev" to two decimals; the stddev of one value is 0. */
    static String meanStd(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        double std = x.length > 1 ? Math.sqrt(var / (x.length - 1)) : 0;
        return String.format("%.2f ± %.2f", mean, std);
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[rank(sorted.length, p)];
    }

    /** Nearest-rank percentile of sorted values, at least one. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) throw new IllegalArgumentException("no values");
        return sorted[rank(sorted.length, p)];
    }

    private static int rank(int n, double p) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(p * n) - 1));
    }
}
