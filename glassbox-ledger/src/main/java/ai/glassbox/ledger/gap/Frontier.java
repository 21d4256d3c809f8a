package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.ModelFact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The best score on one benchmark among models with open, or with closed, weights, as a step
 * series over release dates: one point per release that raised the best score so far. Immutable
 * and thread-safe.
 *
 * <p>Rules: claims are ordered by their variant's release date (a month-precision date counts as
 * the first of its month and sorts before a day-precision first of that month); a point is added
 * only when a score is strictly higher than every earlier one, so a later release that ties the best
 * is not a step. Claims released on the same date are taken best score first, then by model name
 * and claim id, so the result does not depend on the input order.
 *
 * @param benchmark the benchmark, an exact claim benchmark name
 * @param weights open or closed
 * @param points the steps, in date order, each with a higher score than the one before
 */
public record Frontier(String benchmark, ModelFact.Weights weights, List<FrontierPoint> points) {
    private static final Comparator<PlacedClaim> ORDER = Comparator.comparing(PlacedClaim::released)
            .thenComparing(Comparator.comparingDouble((PlacedClaim p) -> p.claim().score()).reversed())
            .thenComparing(p -> p.model().model())
            .thenComparing(p -> p.claim().id());

    public Frontier {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(weights, "weights");
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).score() <= points.get(i - 1).score() || points.get(i).released().compareTo(points.get(i - 1).released()) < 0) {
                throw new IllegalArgumentException(weights + " frontier of " + benchmark + " does not rise at point " + i + ": " + points.get(i));
            }
        }
    }

    /** The frontier of the {@code claims} on exactly {@code benchmark} whose model has {@code weights}; the others are ignored. */
    public static Frontier of(String benchmark, ModelFact.Weights weights, Collection<PlacedClaim> claims) {
        List<PlacedClaim> relevant = claims.stream()
                .filter(p -> p.claim().benchmark().equals(benchmark) && p.model().weights() == weights)
                .sorted(ORDER)
                .toList();
        List<FrontierPoint> points = new ArrayList<>();
        for (PlacedClaim p : relevant) {
            if (points.isEmpty() || p.claim().score() > points.getLast().score()) points.add(FrontierPoint.of(p));
        }
        return new Frontier(benchmark, weights, points);
    }

    /** The first step whose score is at least {@code score}: when this frontier first reached it. */
    public Optional<FrontierPoint> firstReaching(double score) {
        return points.stream().filter(p -> p.score() >= score).findFirst();
    }

    /** The best score's point, the last step; empty when there are no claims. */
    public Optional<FrontierPoint> best() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.getLast());
    }
}
