package ai.glassbox.eval.metric;

import java.util.List;

/**
 * How per-sample values become a task's score and its standard error, and how subtasks combine
 * into a group (lm-evaluation-harness's {@code mean}, {@code mean_stderr}, {@code pooled_sample_stderr}
 * and size-weighted group means).
 *
 * @param value the aggregate
 * @param stderr its standard error ({@code NaN} when undefined, e.g. a single sample)
 * @param size number of samples
 */
public record Aggregate(double value, double stderr, int size) {
    /** The mean of the values, summed in order, and the sample standard deviation (n - 1) over sqrt(n). */
    public static Aggregate mean(double[] values) {
        int n = values.length;
        if (n == 0) throw new IllegalArgumentException("no samples to aggregate");
        double sum = 0;
        for (double v : values) sum += v;
        double mu = sum / n;
        if (n == 1) return new Aggregate(mu, Double.NaN, 1);
        double ss = 0;
        for (double v : values) ss += (v - mu) * (v - mu);
        return new Aggregate(mu, Math.sqrt(ss / (n - 1)) / Math.sqrt(n), n);
    }

    /**
     * A group of subtasks weighted by size: {@code sum(value * size) / sum(size)}, and the pooled
     * standard error {@code sqrt(sum((size - 1) * stderr^2 * size) / (sum(size) - k) / sum(size))}.
     */
    public static Aggregate weightedBySize(List<Aggregate> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no subtasks to aggregate");
        double weighted = 0;
        long total = 0;
        double pooled = 0;
        for (Aggregate p : parts) {
            weighted += p.value * p.size;
            total += p.size;
            pooled += (p.size - 1) * p.stderr * p.stderr * p.size;
        }
        double stderr = total > parts.size() ? Math.sqrt(pooled / (total - parts.size()) / total) : Double.NaN;
        return new Aggregate(weighted / total, stderr, (int) total);
    }
}
