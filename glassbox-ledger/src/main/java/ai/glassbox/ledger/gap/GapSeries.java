package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.ModelFact;
import java.util.List;
import java.util.Objects;

/**
 * The open-versus-closed gap on one benchmark.
 *
 * @param benchmark the exact claim benchmark name
 * @param closed the closed-weights frontier, not empty
 * @param open the open-weights frontier, not empty
 * @param lags one per closed step, in its order
 * @param headline where open stands on the analysis day
 */
public record GapSeries(String benchmark, Frontier closed, Frontier open, List<Lag> lags, Headline headline) {
    public GapSeries {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(closed, "closed");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(headline, "headline");
        if (closed.weights() != ModelFact.Weights.CLOSED || open.weights() != ModelFact.Weights.OPEN) throw new IllegalArgumentException(benchmark + ": frontiers are the wrong way round");
        if (closed.points().isEmpty() || open.points().isEmpty()) throw new IllegalArgumentException(benchmark + ": a gap needs both open and closed claims");
        lags = List.copyOf(lags);
    }
}
