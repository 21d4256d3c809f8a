package ai.glassbox.ledger.gap;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where the open frontier stands against the closed one on a given day, comparing the best scores
 * released by then.
 */
public sealed interface Headline permits Headline.Behind, Headline.Level, Headline.Ahead {
    /** The best open score's point. */
    FrontierPoint openBest();

    /** The best closed score's point. */
    FrontierPoint closedBest();

    /**
     * Open trails: the best open score today is what closed models first reached {@code months} ago.
     *
     * @param closedReached the first closed step scoring at least {@code openBest.score()}
     * @param months from {@code closedReached}'s date to {@code today}, days / 30.436875
     */
    record Behind(LocalDate today, FrontierPoint openBest, FrontierPoint closedBest, FrontierPoint closedReached, double months) implements Headline {
        public Behind {
            Objects.requireNonNull(today, "today");
            Objects.requireNonNull(openBest, "openBest");
            Objects.requireNonNull(closedBest, "closedBest");
            Objects.requireNonNull(closedReached, "closedReached");
        }
    }

    /** The best open and closed scores are equal: open has caught up, and nothing is behind. */
    record Level(FrontierPoint openBest, FrontierPoint closedBest) implements Headline {
        public Level {
            Objects.requireNonNull(openBest, "openBest");
            Objects.requireNonNull(closedBest, "closedBest");
        }
    }

    /** The best open score is higher than every closed one. */
    record Ahead(FrontierPoint openBest, FrontierPoint closedBest) implements Headline {
        public Ahead {
            Objects.requireNonNull(openBest, "openBest");
            Objects.requireNonNull(closedBest, "closedBest");
        }
    }

    /**
     * The headline for two non-empty frontiers on {@code today}.
     *
     * @throws IllegalArgumentException if either frontier is empty
     */
    static Headline of(Frontier closed, Frontier open, LocalDate today) {
        FrontierPoint o = open.best().orElseThrow(() -> new IllegalArgumentException("no open claims on " + open.benchmark()));
        FrontierPoint c = closed.best().orElseThrow(() -> new IllegalArgumentException("no closed claims on " + closed.benchmark()));
        if (o.score() > c.score()) return new Ahead(o, c);
        if (o.score() == c.score()) return new Level(o, c);
        FrontierPoint reached = closed.firstReaching(o.score()).orElseThrow(); // exists: the closed best exceeds it
        return new Behind(today, o, c, reached, Months.between(reached.date(), today));
    }
}
