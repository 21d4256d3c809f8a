package ai.glassbox.ledger.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkNamesTest {
    @Test
    void mapsOnlyBenchmarksAGlassboxTaskReallyMeasures() {
        assertEquals(List.of("mmlu"), BenchmarkNames.tasks("MMLU"));
        assertEquals(List.of("gsm8k", "gsm8k_cot"), BenchmarkNames.tasks("GSM8K"));
        assertEquals(List.of("hellaswag"), BenchmarkNames.tasks("HellaSwag"));
        assertEquals(List.of("arc_challenge"), BenchmarkNames.tasks("ARC-Challenge"));
        for (String b : List.of("MMLU-Pro", "GPQA", "GPQA-Diamond", "MATH", "MATH-500", "HumanEval", "TruthfulQA", "mmlu")) {
            assertEquals(List.of(), BenchmarkNames.tasks(b), b);
        }
    }

    @Test
    void comparableMeansTheTaskMeasuresTheBenchmark() {
        assertTrue(BenchmarkNames.comparable("GSM8K", "gsm8k_cot"));
        assertFalse(BenchmarkNames.comparable("HellaSwag", "hellaswag_llamacpp"));
        assertFalse(BenchmarkNames.comparable("MMLU", "mmlu_stem"));
    }

    @Test
    void everySeedBenchmarkIsEitherMappedOrKnownUnmapped() {
        var seeded = Claims.seed().stream().map(Claim::benchmark).distinct().filter(BenchmarkNames.mapped()::contains).sorted().toList();
        assertEquals(List.of("ARC-Challenge", "GSM8K", "HellaSwag", "MMLU"), seeded);
    }
}
