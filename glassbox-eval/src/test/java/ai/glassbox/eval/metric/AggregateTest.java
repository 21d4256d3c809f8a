package ai.glassbox.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateTest {
    @Test
    void meanAndSampleStandardError() {
        // values 1,0,1,0: mean 0.5, sample variance (4 * 0.25) / 3 = 1/3, stderr sqrt(1/3) / 2
        Aggregate a = Aggregate.mean(new double[] {1, 0, 1, 0});
        assertEquals(0.5, a.value());
        assertEquals(Math.sqrt(1.0 / 3) / 2, a.stderr(), 1e-15);
        assertEquals(4, a.size());
    }

    @Test
    void oneSampleHasNoStandardError() {
        Aggregate a = Aggregate.mean(new double[] {1});
        assertEquals(1.0, a.value());
        assertTrue(Double.isNaN(a.stderr()));
    }

    @Test
    void groupsWeightBySizeAndPoolStandardErrors() {
        Aggregate a = new Aggregate(0.5, 0.1, 10);
        Aggregate b = new Aggregate(0.8, 0.2, 30);
        Aggregate g = Aggregate.weightedBySize(List.of(a, b));
        assertEquals((0.5 * 10 + 0.8 * 30) / 40, g.value(), 1e-15);
        // pooled variance: (9 * 0.01 * 10 + 29 * 0.04 * 30) / (40 - 2) = (0.9 + 34.8) / 38
        assertEquals(Math.sqrt((0.9 + 34.8) / 38 / 40), g.stderr(), 1e-15);
        assertEquals(40, g.size());
    }

    @Test
    void pooledStandardErrorMatchesTheConcatenatedSamplesWhenMeansAgree() {
        double[] x = {1, 0, 1, 1, 0, 0};
        double[] y = {1, 0, 0, 1, 1, 0};
        Aggregate g = Aggregate.weightedBySize(List.of(Aggregate.mean(x), Aggregate.mean(y)));
        double[] all = {1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0};
        Aggregate whole = Aggregate.mean(all);
        assertEquals(whole.value(), g.value(), 1e-15);
        // both halves have mean 0.5, so the pooled variance is sum of squares / (n - 2) instead of / (n - 1)
        assertEquals(whole.stderr() * Math.sqrt(11.0 / 10), g.stderr(), 1e-15);
    }
}
