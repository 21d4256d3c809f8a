package ai.glassbox.ledger.claims;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A score Glassbox measured itself, to hold a claim against.
 *
 * <p>The score test treats {@code accuracy} as a proportion of {@code n} independent right or
 * wrong answers. For a mean of per-sample scores in [0, 1] that are not 0 or 1 (TruthfulQA's MC2)
 * the binomial variance is an upper bound, so the test is conservative there.
 *
 * @param model the model as Glassbox knows it; matching it to a claim's model name is the caller's job
 * @param task the eval task ({@code mmlu}, {@code gsm8k_cot}, ...), see {@link BenchmarkNames}
 * @param accuracy the score as a fraction in [0, 1]
 * @param n the number of samples scored, at least 0
 * @param measuredAt when the run finished
 * @param evidence what backs the number: a ledger index, a run digest; never empty
 */
public record MeasuredResult(String model, String task, double accuracy, long n, Instant measuredAt, String evidence) {
    /**
     * The order {@link #preferred} picks by: the most samples first (the narrowest interval, and a
     * run with {@code --limit} never outranks a full one), then the latest, then the evidence
     * string, only so that the choice never depends on the order the results came in.
     */
    public static final Comparator<MeasuredResult> PREFERENCE = Comparator.comparingLong(MeasuredResult::n).reversed()
            .thenComparing(MeasuredResult::measuredAt, Comparator.reverseOrder())
            .thenComparing(MeasuredResult::evidence);

    public MeasuredResult {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("a measured result's model must not be empty");
        if (task == null || task.isBlank()) throw new IllegalArgumentException("a measured result's task must not be empty");
        if (!(accuracy >= 0 && accuracy <= 1)) throw new IllegalArgumentException(model + " on " + task + ": accuracy " + accuracy + " is not a fraction in [0, 1]");
        if (n < 0) throw new IllegalArgumentException(model + " on " + task + ": n is " + n);
        Objects.requireNonNull(measuredAt, "measuredAt");
        if (evidence == null || evidence.isBlank()) throw new IllegalArgumentException(model + " on " + task + ": evidence must not be empty");
    }

    /**
     * The result to hold a claim against, among results of one model (for one task, or for the
     * tasks comparable to one benchmark), by {@link #PREFERENCE}; empty when there are none.
     *
     * @throws IllegalArgumentException if the results are of more than one model
     */
    public static Optional<MeasuredResult> preferred(Collection<MeasuredResult> results) {
        if (results.stream().map(MeasuredResult::model).distinct().count() > 1) throw new IllegalArgumentException("results of several models: " + results.stream().map(MeasuredResult::model).distinct().toList());
        return results.stream().min(PREFERENCE);
    }
}
