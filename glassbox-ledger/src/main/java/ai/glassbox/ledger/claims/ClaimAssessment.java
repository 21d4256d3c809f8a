package ai.glassbox.ledger.claims;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A claim held against Glassbox's measurement of it, with the statistics and a sentence that
 * states the test. Immutable and thread-safe.
 *
 * <p>The decision is the {@link ScoreTest} of the claimed fraction c against the measured
 * proportion: {@link ClaimStatus#VERIFIED} when |z| ≤ {@link ScoreTest#Z_95} (c lies in the
 * measurement's 95% Wilson interval), {@link ClaimStatus#DISPUTED} when z < −{@link ScoreTest#Z_95}
 * (measured significantly lower), otherwise {@link ClaimStatus#UNVERIFIED}.
 *
 * @param claim what was claimed
 * @param status the outcome
 * @param measured the result the claim was held against; empty when there was none
 * @param z the score statistic; 0 when nothing was measured or n = 0, ±∞ for a claim of 0% or
 *     100% that the measurement misses (see {@link ScoreTest})
 * @param wilsonLow lower bound of the measurement's 95% Wilson interval, a fraction; 0 when nothing was measured
 * @param wilsonHigh upper bound, a fraction; 1 when nothing was measured
 * @param reason the test in words, e.g. "claimed 68.4%, measured 61.2% ± 2.8 on mmlu (n=1172, 95% Wilson
 *     [58.4, 63.9]); score test z = -5.12 < -1.96: significantly lower"
 * @param evidence the measurement's evidence reference; empty when nothing was measured
 */
public record ClaimAssessment(Claim claim, ClaimStatus status, Optional<MeasuredResult> measured, double z, double wilsonLow, double wilsonHigh, String reason, String evidence) {
    public ClaimAssessment {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(measured, "measured");
        if (Double.isNaN(z)) throw new IllegalArgumentException("z is NaN for claim " + claim.id());
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * Holds {@code claim} against the preferred ({@link MeasuredResult#preferred}) of the
     * {@code results} whose task is comparable to the claim's benchmark; the others are ignored.
     *
     * @param results measurements of the claim's model, of any tasks
     * @throws IllegalArgumentException if the comparable results are of more than one model
     */
    public static ClaimAssessment assess(Claim claim, Collection<MeasuredResult> results) {
        List<MeasuredResult> comparable = results.stream().filter(r -> BenchmarkNames.comparable(claim.benchmark(), r.task())).toList();
        return MeasuredResult.preferred(comparable).map(r -> assess(claim, r)).orElseGet(() -> unmeasured(claim));
    }

    /**
     * Holds {@code claim} against one measurement.
     *
     * @throws IllegalArgumentException if the measured task does not measure the claim's benchmark
     */
    public static ClaimAssessment assess(Claim claim, MeasuredResult measured) {
        if (!BenchmarkNames.comparable(claim.benchmark(), measured.task())) {
            throw new IllegalArgumentException("task " + measured.task() + " does not measure " + claim.benchmark() + "; comparable tasks: " + BenchmarkNames.tasks(claim.benchmark()));
        }
        String claimed = "claimed " + plain(claim.score()) + "%, ";
        if (measured.n() == 0) {
            return new ClaimAssessment(claim, ClaimStatus.UNVERIFIED, Optional.of(measured), 0, 0, 1,
                    claimed + "measured on 0 samples of " + measured.task() + ": no evidence either way", measured.evidence());
        }
        ScoreTest t = ScoreTest.of(measured.accuracy(), measured.n(), claim.fraction());
        String stats = String.format(Locale.ROOT, "measured %.1f%% ± %.1f on %s (n=%d, 95%% Wilson [%.1f, %.1f]); score test ",
                100 * measured.accuracy(), 100 * (t.wilsonHigh() - t.wilsonLow()) / 2, measured.task(), measured.n(), 100 * t.wilsonLow(), 100 * t.wilsonHigh());
        String z = format(t.z()), crit = format(ScoreTest.Z_95);
        ClaimStatus status;
        String verdict;
        if (t.accepts()) {
            status = ClaimStatus.VERIFIED;
            verdict = "|z| = " + format(Math.abs(t.z())) + " ≤ " + crit + ": consistent with the claim";
        } else if (t.z() < 0) {
            status = ClaimStatus.DISPUTED;
            verdict = "z = " + z + " < -" + crit + ": significantly lower";
        } else {
            // a measurement above the claim does not confirm the number that was claimed
            status = ClaimStatus.UNVERIFIED;
            verdict = "z = " + z + " > " + crit + ": significantly higher, so the claimed number is not confirmed (it understates this measurement)";
        }
        return new ClaimAssessment(claim, status, Optional.of(measured), t.z(), t.wilsonLow(), t.wilsonHigh(), claimed + stats + verdict, measured.evidence());
    }

    /** The assessment of a claim with no comparable measurement: unverified, saying whether a Glassbox task could measure it. */
    public static ClaimAssessment unmeasured(Claim claim) {
        List<String> tasks = BenchmarkNames.tasks(claim.benchmark());
        String why = tasks.isEmpty()
                ? "no Glassbox task measures " + claim.benchmark()
                : "no measured result of " + String.join(" or ", tasks) + " for " + claim.model();
        return new ClaimAssessment(claim, ClaimStatus.UNVERIFIED, Optional.empty(), 0, 0, 1, "claimed " + plain(claim.score()) + "%; " + why, "");
    }

    /** The claimed score as the shortest decimal that reads back to it: 68.4, 91.5, 7. */
    private static String plain(double percent) {
        return new BigDecimal(Double.toString(percent)).stripTrailingZeros().toPlainString();
    }

    private static String format(double z) {
        if (Double.isInfinite(z)) return z > 0 ? "∞" : "-∞";
        return String.format(Locale.ROOT, "%.2f", z);
    }
}
