package ai.glassbox.ledger.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimAssessmentTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Claim claim(String benchmark, double score) {
        return new Claim("Llama 3 8B", benchmark, score, "5-shot", "vendor (Meta)", "src", "");
    }

    private static MeasuredResult measured(String task, double accuracy, long n) {
        return new MeasuredResult("llama-3-8b.Q8_0.gguf", task, accuracy, n, T0, "ledger#17");
    }

    @Test
    void significantlyLowerIsDisputedAndTheReasonStatesTheTest() {
        ClaimAssessment a = ClaimAssessment.assess(claim("MMLU", 68.4), measured("mmlu", 0.612, 1172));
        assertEquals(ClaimStatus.DISPUTED, a.status());
        assertEquals("claimed 68.4%, measured 61.2% ± 2.8 on mmlu (n=1172, 95% Wilson [58.4, 63.9]); score test z = -5.30 < -1.96: significantly lower", a.reason());
        assertEquals("ledger#17", a.evidence());
        assertEquals(-5.30, a.z(), 0.005);
    }

    @Test
    void aClaimInsideTheIntervalIsVerified() {
        ClaimAssessment a = ClaimAssessment.assess(claim("MMLU", 60), measured("mmlu", 0.612, 1172));
        assertEquals(ClaimStatus.VERIFIED, a.status());
        assertTrue(a.reason().endsWith("score test |z| = 0.84 ≤ 1.96: consistent with the claim"), a.reason());
    }

    @Test
    void significantlyHigherIsUnverifiedAndSaysSo() {
        ClaimAssessment a = ClaimAssessment.assess(claim("MMLU", 55), measured("mmlu", 0.612, 1172));
        assertEquals(ClaimStatus.UNVERIFIED, a.status());
        assertTrue(a.reason().contains("> 1.96: significantly higher, so the claimed number is not confirmed"), a.reason());
    }

    @Test
    void theStatusFlipsRightAtTheWilsonBounds() {
        MeasuredResult m = measured("mmlu", 0.5, 100);
        ScoreTest t = ScoreTest.of(0.5, 100, 0.5);
        assertEquals(ClaimStatus.VERIFIED, ClaimAssessment.assess(claim("MMLU", 100 * t.wilsonHigh() - 1e-6), m).status());
        assertEquals(ClaimStatus.DISPUTED, ClaimAssessment.assess(claim("MMLU", 100 * t.wilsonHigh() + 1e-6), m).status());
        assertEquals(ClaimStatus.VERIFIED, ClaimAssessment.assess(claim("MMLU", 100 * t.wilsonLow() + 1e-6), m).status());
        assertEquals(ClaimStatus.UNVERIFIED, ClaimAssessment.assess(claim("MMLU", 100 * t.wilsonLow() - 1e-6), m).status());
    }

    @Test
    void aPerfectClaimIsDisputedByASingleMiss() {
        ClaimAssessment a = ClaimAssessment.assess(claim("GSM8K", 100), measured("gsm8k", 0.999, 1000));
        assertEquals(ClaimStatus.DISPUTED, a.status());
        assertEquals(Double.NEGATIVE_INFINITY, a.z());
        assertTrue(a.reason().endsWith("score test z = -∞ < -1.96: significantly lower"), a.reason());
        assertEquals(ClaimStatus.VERIFIED, ClaimAssessment.assess(claim("GSM8K", 100), measured("gsm8k", 1, 1000)).status());
        assertEquals(ClaimStatus.VERIFIED, ClaimAssessment.assess(claim("GSM8K", 0), measured("gsm8k", 0, 1000)).status());
        assertEquals(ClaimStatus.UNVERIFIED, ClaimAssessment.assess(claim("GSM8K", 0), measured("gsm8k", 0.001, 1000)).status());
    }

    @Test
    void zeroSamplesAreNoEvidence() {
        ClaimAssessment a = ClaimAssessment.assess(claim("MMLU", 68.4), measured("mmlu", 0, 0));
        assertEquals(ClaimStatus.UNVERIFIED, a.status());
        assertEquals(0, a.z());
        assertEquals(0, a.wilsonLow());
        assertEquals(1, a.wilsonHigh());
        assertEquals("claimed 68.4%, measured on 0 samples of mmlu: no evidence either way", a.reason());
    }

    @Test
    void anUnmappedBenchmarkStaysUnverified() {
        ClaimAssessment a = ClaimAssessment.assess(claim("GPQA-Diamond", 73.3), List.of(measured("mmlu", 0.6, 1000)));
        assertEquals(ClaimStatus.UNVERIFIED, a.status());
        assertEquals(Optional.empty(), a.measured());
        assertEquals("claimed 73.3%; no Glassbox task measures GPQA-Diamond", a.reason());
        assertEquals("", a.evidence());
    }

    @Test
    void aMappedBenchmarkWithoutResultsSaysWhatWouldMeasureIt() {
        assertEquals("claimed 56.8%; no measured result of gsm8k or gsm8k_cot for Llama 3 8B", ClaimAssessment.assess(claim("GSM8K", 56.8), List.of()).reason());
    }

    @Test
    void aResultOfAnotherTaskCannotBeHeldAgainstAClaim() {
        assertThrows(IllegalArgumentException.class, () -> ClaimAssessment.assess(claim("MMLU", 60), measured("gsm8k", 0.6, 100)));
    }

    @Test
    void assessesAgainstTheComparableResultWithTheMostSamples() {
        MeasuredResult limited = measured("mmlu", 0.9, 100), full = measured("mmlu", 0.61, 14042), other = measured("gsm8k", 0.5, 50000);
        ClaimAssessment a = ClaimAssessment.assess(claim("MMLU", 61), List.of(limited, other, full));
        assertEquals(Optional.of(full), a.measured());
    }

    @Test
    void preferredTakesTheMostSamplesThenTheLatest() {
        MeasuredResult small = measured("mmlu", 0.6, 100);
        MeasuredResult old = new MeasuredResult("m.gguf", "mmlu", 0.6, 14042, T0, "ledger#1");
        MeasuredResult recent = new MeasuredResult("m.gguf", "mmlu", 0.61, 14042, T0.plusSeconds(60), "ledger#9");
        List<MeasuredResult> sameModel = List.of(old, recent, new MeasuredResult("m.gguf", "mmlu", 0.7, 100, T0.plusSeconds(600), "ledger#10"));
        assertEquals(Optional.of(recent), MeasuredResult.preferred(sameModel));
        assertEquals(Optional.of(recent), MeasuredResult.preferred(sameModel.reversed()));
        assertEquals(Optional.empty(), MeasuredResult.preferred(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MeasuredResult.preferred(List.of(small, old)));
    }
}
