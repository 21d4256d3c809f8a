package ai.glassbox.cli;

import ai.glassbox.ledger.claims.Claims;
import ai.glassbox.ledger.claims.ModelFacts;
import ai.glassbox.ledger.gap.ClaimModels;
import ai.glassbox.ledger.gap.ClaimSelection;
import ai.glassbox.ledger.gap.FrontierPoint;
import ai.glassbox.ledger.gap.GapAnalysis;
import ai.glassbox.ledger.gap.GapSeries;
import ai.glassbox.ledger.gap.Headline;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code glassbox gap}: how far the best open-weight models trail the best closed ones, per benchmark. */
@Command(name = "gap", mixinStandardHelpOptions = true,
        description = {"How far open-weight models trail closed ones, per benchmark, from the shipped claims and model release dates:",
            "the best open score today, and how many months ago closed models first reached it. Benchmarks with similar names are kept apart (GPQA is not GPQA-Diamond); settings differ between claims."})
final class GapCommand implements Callable<Integer> {
    @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "the date to measure from (default: today)")
    LocalDate today;

    @Option(names = "--claims", paramLabel = "WHICH", description = "which claims count: ${COMPLETION-CANDIDATES} (default: ALL)")
    ClaimSelection selection = ClaimSelection.ALL;

    @Option(names = "--benchmark", paramLabel = "NAME", description = "only this benchmark")
    String benchmark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate day = today != null ? today : LocalDate.now();
        GapAnalysis gap = GapAnalysis.of(Claims.seed(), ModelFacts.seed(), ClaimModels.seed(), day, selection);
        PrintWriter out = spec.commandLine().getOut();
        out.println("|benchmark|best open|best closed|open today = closed as of|months behind|");
        out.println("|---------|---------|-----------|------------------------|------------:|");
        for (GapSeries s : gap.series()) {
            if (benchmark != null && !s.benchmark().equals(benchmark)) continue;
            Headline h = s.headline();
            String reached = "", months = "";
            switch (h) {
                case Headline.Behind b -> {
                    reached = point(b.closedReached());
                    months = String.format(Locale.ROOT, "%.1f", b.months());
                }
                case Headline.Level l -> months = "level";
                case Headline.Ahead a -> months = "open leads";
            }
            out.printf("|%s|%s|%s|%s|%s|%n", s.benchmark(), point(h.openBest()), point(h.closedBest()), reached, months);
        }
        out.printf("%d claims left out: no model or release date for them (see the gap package's claim_models.csv)%n", gap.unplaced().size());
        return ExitCodes.OK;
    }

    private static String point(FrontierPoint p) {
        return String.format(Locale.ROOT, "%s %.1f (%s)", p.claimModel(), p.score(), p.released());
    }
}
