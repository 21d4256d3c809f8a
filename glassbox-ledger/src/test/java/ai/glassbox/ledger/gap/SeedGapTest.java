package ai.glassbox.ledger.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.claims.Claims;
import ai.glassbox.ledger.claims.ModelFacts;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SeedGapTest {
    private static final GapAnalysis SEED = GapAnalysis.of(Claims.seed(), ModelFacts.seed(), ClaimModels.seed(), LocalDate.of(2026, 12, 2));

    @Test
    void mmluGpt4LevelWasFirstReachedInTheOpenByLlama31405B() {
        GapSeries mmlu = SEED.series("MMLU").orElseThrow();
        // claims.csv: "GPT-4 (0314)",MMLU,86.4; models.csv: GPT-4 closed 2023-03-14
        FrontierPoint first = mmlu.closed().points().getFirst();
        assertEquals("GPT-4", first.model());
        assertEquals(86.4, first.score());
        assertEquals(LocalDate.of(2023, 3, 14), first.date());
        // "Llama 3.1 405B Instruct",MMLU,88.6; Llama 3.1 405B open 2024-07-23; 497 days later
        Lag lag = mmlu.lags().getFirst();
        assertEquals("Llama 3.1 405B", lag.open().orElseThrow().model());
        assertEquals(LocalDate.of(2024, 7, 23), lag.open().orElseThrow().date());
        assertEquals(497 / 30.436875, lag.months().orElseThrow(), 1e-9);
    }

    @Test
    void mmluHeadlineIsDeepSeekR1MatchingO1Preview() {
        // DeepSeek-R1 (open, 2025-01-20) 90.8 = o1-preview (closed, 2024-09-12) 90.8; 811 days before 2026-12-02
        var h = assertInstanceOf(Headline.Behind.class, SEED.series("MMLU").orElseThrow().headline());
        assertEquals("DeepSeek-R1", h.openBest().model());
        assertEquals(90.8, h.openBest().score());
        assertEquals("o1-preview", h.closedReached().model());
        assertEquals(811 / 30.436875, h.months(), 1e-9);
        assertEquals("o3", h.closedBest().model());
    }

    @Test
    void similarBenchmarkNamesStaySeparate() {
        assertTrue(SEED.series("GPQA").isPresent() && SEED.series("GPQA-Diamond").isPresent());
        assertTrue(SEED.series("GPQA").orElseThrow().closed().best().orElseThrow().score()
                != SEED.series("GPQA-Diamond").orElseThrow().closed().best().orElseThrow().score());
        assertTrue(SEED.series("MATH").isPresent() && SEED.series("MATH-500").isPresent());
    }
}
