package ai.glassbox.ledger.gap;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How long after a closed step the open frontier first reached its score.
 *
 * @param closed the closed step: the release that first reached {@code closed.score()}
 * @param open the first open step scoring at least as much; empty when none has yet
 * @param months from the closed step's date to the open one's, in decimal months (days / 30.436875);
 *     negative when open reached the score first; empty when {@code open} is
 */
public record Lag(FrontierPoint closed, Optional<FrontierPoint> open, OptionalDouble months) {
    public Lag {
        Objects.requireNonNull(closed, "closed");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(months, "months");
        if (open.isPresent() != months.isPresent()) throw new IllegalArgumentException("a lag has months exactly when it has an open point");
    }

    /** The lag of {@code closed} behind {@code openFrontier}. */
    static Lag of(FrontierPoint closed, Frontier openFrontier) {
        Optional<FrontierPoint> open = openFrontier.firstReaching(closed.score());
        return new Lag(closed, open, open.map(o -> OptionalDouble.of(Months.between(closed.date(), o.date()))).orElse(OptionalDouble.empty()));
    }
}
