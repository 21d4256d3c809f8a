package ai.glassbox.ledger.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.claims.ReleaseDate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GapAnalysisTest {
    private static final double EPS = 1e-9;
    private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);

    private static final List<ModelFact> MODELS = List.of(
            fact("C1", ModelFact.Weights.CLOSED, "2024-01-15"),
            fact("C2", ModelFact.Weights.CLOSED, "2024-03-01"),
            fact("C3", ModelFact.Weights.CLOSED, "2024-06-10"),
            fact("C4", ModelFact.Weights.CLOSED, "2025-06-01"), // after TODAY
            fact("O1", ModelFact.Weights.OPEN, "2024-02"), // month precision: counts as 2024-02-01
            fact("O2", ModelFact.Weights.OPEN, "2024-09-01"));

    private static final ClaimModels MAPPING = ClaimModels.of(List.of(
            ClaimModel.of("C1 chat", "C1"), ClaimModel.of("C2 chat", "C2"), ClaimModel.of("C3 chat", "C3"), ClaimModel.of("C4 chat", "C4"),
            ClaimModel.of("O1 base", "O1"), ClaimModel.of("O2 instruct", "O2"), ClaimModel.leftOut("O9 distill", "not in the facts")));

    private static final List<Claim> CLAIMS = List.of(
            // B: open trails
            claim("C1 chat", "B", 70, "vendor (C)"),
            claim("C2 chat", "B", 80, "vendor (C)"),
            claim("C3 chat", "B", 80, "vendor (C)"), // ties the best: not a step
            claim("C4 chat", "B", 99, "vendor (C)"), // released after today: ignored
            claim("O1 base", "B", 60, "vendor (O)"),
            claim("O2 instruct", "B", 75, "third party (Lab)"),
            claim("O9 distill", "B", 95, "vendor (O)"),
            // B-X: a similar name, a separate benchmark, with no open claim
            claim("C1 chat", "B-X", 10, "vendor (C)"),
            // L: open leads, reached at a month-precision date
            claim("C1 chat", "L", 50, "vendor (C)"),
            claim("O1 base", "L", 55, "vendor (O)"),
            // T: open level with closed
            claim("C1 chat", "T", 60, "vendor (C)"),
            claim("O2 instruct", "T", 60, "vendor (O)"));

    private static GapAnalysis analysis() {
        return GapAnalysis.of(CLAIMS, MODELS, MAPPING, TODAY);
    }

    @Test
    void onlyBenchmarksWithOpenAndClosedClaimsInNameOrder() {
        assertEquals(List.of("B", "L", "T"), analysis().series().stream().map(GapSeries::benchmark).toList());
        assertTrue(analysis().series("B-X").isEmpty());
    }

    @Test
    void frontierStepsOnlyWhenTheBestScoreRises() {
        GapSeries b = analysis().series("B").orElseThrow();
        assertEquals(List.of("C1", "C2"), b.closed().points().stream().map(FrontierPoint::model).toList());
        assertEquals(List.of(70.0, 80.0), b.closed().points().stream().map(FrontierPoint::score).toList());
        assertEquals(List.of(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 9, 1)), b.open().points().stream().map(FrontierPoint::date).toList());
        assertEquals(ReleaseDate.Precision.MONTH, b.open().points().getFirst().released().precision());
        assertEquals("O2 instruct", b.open().points().get(1).claimModel());
        assertEquals(CLAIMS.get(5).id(), b.open().points().get(1).claimId());
    }

    @Test
    void lagIsMonthsUntilOpenFirstReachesEachClosedStep() {
        List<Lag> lags = analysis().series("B").orElseThrow().lags();
        assertEquals(2, lags.size());
        // 2024-01-15 -> 2024-09-01: 17 + 29 + 31 + 30 + 31 + 30 + 31 + 31 = 230 days
        assertEquals("O2", lags.get(0).open().orElseThrow().model());
        assertEquals(230 / 30.436875, lags.get(0).months().orElseThrow(), EPS);
        // nothing open reaches 80
        assertTrue(lags.get(1).open().isEmpty());
        assertEquals(OptionalDouble.empty(), lags.get(1).months());
    }

    @Test
    void headlineSaysWhenClosedFirstHadTodaysBestOpenScore() {
        var h = assertInstanceOf(Headline.Behind.class, analysis().series("B").orElseThrow().headline());
        assertEquals(75, h.openBest().score());
        assertEquals("C2", h.closedReached().model());
        assertEquals(80, h.closedBest().score()); // C4's 99 is released after today
        // 2024-03-01 -> 2025-01-01: 366 - 31 - 29 = 306 days
        assertEquals(306 / 30.436875, h.months(), EPS);
    }

    @Test
    void monthPrecisionOpenLeadCountsFromTheFirstOfTheMonth() {
        GapSeries l = analysis().series("L").orElseThrow();
        var h = assertInstanceOf(Headline.Ahead.class, l.headline());
        assertEquals("O1", h.openBest().model());
        // 2024-01-15 -> 2024-02-01
        assertEquals(17 / 30.436875, l.lags().getFirst().months().orElseThrow(), EPS);
    }

    @Test
    void equalBestScoresAreLevel() {
        GapSeries t = analysis().series("T").orElseThrow();
        assertInstanceOf(Headline.Level.class, t.headline());
        assertEquals(230 / 30.436875, t.lags().getFirst().months().orElseThrow(), EPS);
    }

    @Test
    void openReachingAScoreFirstGivesANegativeLag() {
        List<Claim> claims = List.of(claim("O1 base", "N", 65, "vendor (O)"), claim("C2 chat", "N", 64, "vendor (C)"));
        Lag lag = GapAnalysis.of(claims, MODELS, MAPPING, TODAY).series("N").orElseThrow().lags().getFirst();
        assertEquals(-29 / 30.436875, lag.months().orElseThrow(), EPS); // 2024-02-01 is 29 days before 2024-03-01
    }

    @Test
    void vendorSelectionDropsThirdPartyMeasurements() {
        GapAnalysis vendor = GapAnalysis.of(CLAIMS, MODELS, MAPPING, TODAY, ClaimSelection.VENDOR);
        var h = assertInstanceOf(Headline.Behind.class, vendor.series("B").orElseThrow().headline());
        assertEquals("O1", h.openBest().model());
        assertEquals("C1", h.closedReached().model());
        assertTrue(GapAnalysis.of(CLAIMS, MODELS, MAPPING, TODAY, ClaimSelection.THIRD_PARTY).series().isEmpty());
    }

    @Test
    void leftOutClaimsAreReportedAndInputOrderDoesNotMatter() {
        assertEquals(List.of("O9 distill"), analysis().unplaced().stream().map(u -> u.claim().model()).toList());
        List<Claim> reversed = new ArrayList<>(CLAIMS);
        Collections.reverse(reversed);
        assertEquals(analysis().series(), GapAnalysis.of(reversed, MODELS, MAPPING, TODAY).series());
    }

    private static ModelFact fact(String name, ModelFact.Weights weights, String released) {
        return new ModelFact(name, "Org", weights, ReleaseDate.parse(released), OptionalDouble.empty(), "", "src", "");
    }

    private static Claim claim(String model, String benchmark, double score, String claimedBy) {
        return new Claim(model, benchmark, score, "0-shot", claimedBy, "src/" + model, "");
    }
}
