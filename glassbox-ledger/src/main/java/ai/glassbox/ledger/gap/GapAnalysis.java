package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ModelFact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How far open-weight models trail closed ones, per benchmark, as of a day. Immutable and thread-safe.
 *
 * <p>Each claim is placed on its model and release date through a {@link ClaimModels} mapping;
 * claims it cannot place are listed in {@link #unplaced()}, never guessed. Claims released after
 * {@code today} do not count. Benchmark names are matched exactly (GPQA is not GPQA-Diamond, MATH is
 * not MATH-500). A benchmark appears only when it has both an open and a closed claim.
 *
 * @param today the day the headlines are for
 * @param selection which claims counted
 * @param series one per benchmark, ordered by benchmark name
 * @param unplaced claims the mapping could not place, in input order
 */
public record GapAnalysis(LocalDate today, ClaimSelection selection, List<GapSeries> series, List<UnplacedClaim> unplaced) {
    public GapAnalysis {
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(selection, "selection");
        series = List.copyOf(series);
        unplaced = List.copyOf(unplaced);
    }

    /** The analysis of every claim ({@link ClaimSelection#ALL}). */
    public static GapAnalysis of(List<Claim> claims, List<ModelFact> models, ClaimModels mapping, LocalDate today) {
        return of(claims, models, mapping, today, ClaimSelection.ALL);
    }

    /**
     * The analysis of the claims {@code selection} accepts.
     *
     * @throws IllegalArgumentException if two models share a name
     */
    public static GapAnalysis of(List<Claim> claims, List<ModelFact> models, ClaimModels mapping, LocalDate today, ClaimSelection selection) {
        List<Claim> selected = claims.stream().filter(selection::test).toList();
        ClaimModels.Placement placement = mapping.place(selected, models);
        List<PlacedClaim> released = placement.placed().stream().filter(p -> !p.released().date().isAfter(today)).toList();
        TreeSet<String> benchmarks = new TreeSet<>();
        released.forEach(p -> benchmarks.add(p.claim().benchmark()));
        List<GapSeries> series = new ArrayList<>();
        for (String b : benchmarks) {
            Frontier closed = Frontier.of(b, ModelFact.Weights.CLOSED, released);
            Frontier open = Frontier.of(b, ModelFact.Weights.OPEN, released);
            if (closed.points().isEmpty() || open.points().isEmpty()) continue;
            List<Lag> lags = closed.points().stream().map(c -> Lag.of(c, open)).toList();
            series.add(new GapSeries(b, closed, open, lags, Headline.of(closed, open, today)));
        }
        return new GapAnalysis(today, selection, series, placement.unplaced());
    }

    /** The series for exactly {@code benchmark}; empty when it lacks open or closed claims. */
    public Optional<GapSeries> series(String benchmark) {
        return series.stream().filter(s -> s.benchmark().equals(benchmark)).findFirst();
    }
}
