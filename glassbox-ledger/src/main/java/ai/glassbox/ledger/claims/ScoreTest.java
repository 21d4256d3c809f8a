package ai.glassbox.ledger.claims;

/**
 * The one-sample score test of a binomial proportion, and the 95% Wilson score interval that is
 * exactly its acceptance region: {@code |z| <= Z_95} if and only if the hypothesis lies in
 * [{@code wilsonLow}, {@code wilsonHigh}] (Wilson 1927; Agresti and Coull 1998).
 *
 * <pre>
 *   z = (p̂ − c) / sqrt(c(1 − c) / n)
 *   Wilson: (p̂ + z²/2n ± z·sqrt(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)
 * </pre>
 *
 * The edge cases have no NaN:
 * <ul>
 *   <li>c = 0 or 1: the variance under the hypothesis is 0, so any deviation is infinitely
 *       significant. z is 0 when p̂ = c and ±∞ otherwise, the limit of z as c approaches the edge;
 *       this agrees with the interval, which reaches 0 or 1 only when p̂ does.
 *   <li>n = 0: no evidence. The interval is all of [0, 1], its limit as n → 0, and z is 0 by
 *       convention; callers must not read that as agreement.
 * </ul>
 *
 * @param estimate the measured proportion p̂ in [0, 1]
 * @param n the sample count
 * @param hypothesis the claimed proportion c in [0, 1]
 * @param z the score statistic; ±∞ only as described above
 * @param wilsonLow the interval's lower bound, in [0, 1]
 * @param wilsonHigh the interval's upper bound, in [0, 1]
 */
public record ScoreTest(double estimate, long n, double hypothesis, double z, double wilsonLow, double wilsonHigh) {
    /** The two-sided 5% critical value, Φ⁻¹(0.975). */
    public static final double Z_95 = 1.959963984540054;

    public ScoreTest {
        if (Double.isNaN(z)) throw new IllegalArgumentException("z is NaN");
        if (!(0 <= wilsonLow && wilsonLow <= wilsonHigh && wilsonHigh <= 1)) throw new IllegalArgumentException("Wilson interval [" + wilsonLow + ", " + wilsonHigh + "] is not within [0, 1]");
    }

    /** The test of {@code hypothesis} against {@code estimate} measured on {@code n} samples. */
    public static ScoreTest of(double estimate, long n, double hypothesis) {
        if (!(estimate >= 0 && estimate <= 1)) throw new IllegalArgumentException("estimate " + estimate + " is not in [0, 1]");
        if (!(hypothesis >= 0 && hypothesis <= 1)) throw new IllegalArgumentException("hypothesis " + hypothesis + " is not in [0, 1]");
        if (n < 0) throw new IllegalArgumentException("n is " + n);
        if (n == 0) return new ScoreTest(estimate, 0, hypothesis, 0, 0, 1);
        double variance = hypothesis * (1 - hypothesis) / n;
        double diff = estimate - hypothesis;
        double z = variance > 0 ? diff / Math.sqrt(variance) : diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        double z2n = Z_95 * Z_95 / n;
        double centre = (estimate + z2n / 2) / (1 + z2n);
        double half = Z_95 / (1 + z2n) * Math.sqrt(estimate * (1 - estimate) / n + z2n / (4.0 * n));
        // at p̂ = 0 or 1 one bound is exactly the edge; rounding must not move it off
        double low = estimate == 0 ? 0 : Math.max(0, centre - half);
        double high = estimate == 1 ? 1 : Math.min(1, centre + half);
        return new ScoreTest(estimate, n, hypothesis, z, low, high);
    }

    /** Whether the hypothesis survives: {@code |z| <= Z_95}. */
    public boolean accepts() {
        return Math.abs(z) <= Z_95;
    }
}
