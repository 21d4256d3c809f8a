package ai.glassbox.ledger.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoreTestTest {
    private static final double Z = ScoreTest.Z_95;

    @Test
    void wilsonBoundsMatchHandComputedValues() {
        // p̂ = 0.5, n = 100: z²/n = 0.0384146, centre 0.5, half-width 1.959964/1.0384146 · sqrt(0.0025 + 0.0000960) = 0.0961685
        ScoreTest half = ScoreTest.of(0.5, 100, 0.5);
        assertEquals(0.4038315, half.wilsonLow(), 1e-7);
        assertEquals(0.5961685, half.wilsonHigh(), 1e-7);
        // p̂ = 0.8, n = 50: centre 0.838415/1.0768292 = 0.778597, half-width 1.820117 · 0.0598677 = 0.108966
        ScoreTest eighty = ScoreTest.of(0.8, 50, 0.8);
        assertEquals(0.6696289, eighty.wilsonLow(), 1e-6);
        assertEquals(0.8875625, eighty.wilsonHigh(), 1e-6);
        // p̂ = 0, n = 10: [0, z²/(n + z²)] = [0, 3.841459/13.841459]
        ScoreTest none = ScoreTest.of(0, 10, 0.1);
        assertEquals(0, none.wilsonLow());
        assertEquals(0.2775328, none.wilsonHigh(), 1e-7);
    }

    @Test
    void zIsTheScoreStatisticUnderTheClaim() {
        // (0.612 − 0.684) / sqrt(0.684 · 0.316 / 1172)
        assertEquals(-5.3018167, ScoreTest.of(0.612, 1172, 0.684).z(), 1e-6);
        assertEquals(0, ScoreTest.of(0.5, 100, 0.5).z());
    }

    @Test
    void theIntervalIsExactlyTheAcceptanceRegion() {
        double[][] cases = {{0.5, 100}, {0.612, 1172}, {0.05, 40}, {0.97, 300}, {0.3333, 3}, {0.8, 50}};
        for (double[] c : cases) {
            ScoreTest t = ScoreTest.of(c[0], (long) c[1], 0.5);
            assertEquals(Z, ScoreTest.of(c[0], (long) c[1], t.wilsonLow()).z(), 1e-9, () -> "p̂=" + c[0] + " n=" + c[1]);
            assertEquals(-Z, ScoreTest.of(c[0], (long) c[1], t.wilsonHigh()).z(), 1e-9, () -> "p̂=" + c[0] + " n=" + c[1]);
        }
    }

    /** The measured proportion whose z against {@code c} is {@code z}. */
    private static double estimateAt(double z, double c, long n) {
        return c + z * Math.sqrt(c * (1 - c) / n);
    }

    @Test
    void acceptsJustInsideAndRejectsJustOutsideEitherBound() {
        long n = 10_000;
        double c = 0.5;
        assertTrue(ScoreTest.of(estimateAt(-Z * (1 - 1e-9), c, n), n, c).accepts());
        assertFalse(ScoreTest.of(estimateAt(-Z * (1 + 1e-9), c, n), n, c).accepts());
        assertTrue(ScoreTest.of(estimateAt(Z * (1 - 1e-9), c, n), n, c).accepts());
        assertFalse(ScoreTest.of(estimateAt(Z * (1 + 1e-9), c, n), n, c).accepts());
        // and with round numbers: z = -1.96 rejects, z = -1.958 does not
        assertFalse(ScoreTest.of(0.4902, n, c).accepts());
        assertTrue(ScoreTest.of(0.49021, n, c).accepts());
    }

    @Test
    void claimsOfZeroOrOneHaveNoNaN() {
        assertEquals(0, ScoreTest.of(0, 50, 0).z());
        assertTrue(ScoreTest.of(0, 50, 0).accepts());
        assertEquals(Double.POSITIVE_INFINITY, ScoreTest.of(0.02, 50, 0).z());
        assertEquals(0, ScoreTest.of(1, 50, 1).z());
        assertEquals(1, ScoreTest.of(1, 50, 1).wilsonHigh());
        assertEquals(Double.NEGATIVE_INFINITY, ScoreTest.of(0.98, 50, 1).z());
        // the interval agrees: it reaches 1 only when every sample was right
        assertTrue(ScoreTest.of(0.98, 50, 1).wilsonHigh() < 1);
    }

    @Test
    void noSamplesGiveTheWholeIntervalAndNoNaN() {
        ScoreTest t = ScoreTest.of(0, 0, 0.7);
        assertEquals(0, t.z());
        assertEquals(0, t.wilsonLow());
        assertEquals(1, t.wilsonHigh());
    }
}
