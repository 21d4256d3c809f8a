package ai.glassbox.ledger.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.Claims;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.claims.ModelFacts;
import ai.glassbox.ledger.claims.ReleaseDate;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClaimModelsTest {
    @Test
    void seedMappingListsEveryClaimModelNameExactlyOnce() {
        Set<String> listed = ClaimModels.seed().rows().stream().map(ClaimModel::claimModel).collect(Collectors.toSet());
        Set<String> claimed = Claims.seed().stream().map(Claim::model).collect(Collectors.toSet());
        assertEquals(claimed, listed);
    }

    @Test
    void everyMappedTargetIsASeedModel() {
        Set<String> models = ModelFacts.seed().stream().map(ModelFact::model).collect(Collectors.toSet());
        for (ClaimModel row : ClaimModels.seed().rows()) {
            row.model().ifPresent(m -> assertTrue(models.contains(m), () -> row.claimModel() + " maps to unknown model " + m));
        }
    }

    @Test
    void seedPlacesMostClaimsAndSaysWhyTheRestAreLeftOut() {
        ClaimModels.Placement p = ClaimModels.seed().place(Claims.seed(), ModelFacts.seed());
        assertEquals(551, p.placed().size());
        assertEquals(79, p.unplaced().size());
        assertTrue(p.unplaced().stream().allMatch(u -> u.reason().startsWith("left out: ")), () -> p.unplaced().toString());
    }

    @Test
    void laterSnapshotKeepsItsOwnDateAndVariantsShareTheModelsDate() {
        ClaimModels.Placement p = ClaimModels.seed().place(Claims.seed(), ModelFacts.seed());
        PlacedClaim snapshot = p.placed().stream().filter(c -> c.claim().model().equals("GPT-4o (2024-08-06)")).findFirst().orElseThrow();
        assertEquals("GPT-4o", snapshot.model().model());
        assertEquals(ReleaseDate.parse("2024-08-06"), snapshot.released());
        PlacedClaim instruct = p.placed().stream().filter(c -> c.claim().model().equals("Llama 3.1 405B Instruct")).findFirst().orElseThrow();
        assertEquals(LocalDate.of(2024, 7, 23), instruct.released().date());
        assertEquals(ModelFact.Weights.OPEN, instruct.model().weights());
    }

    @Test
    void unknownNamesAndUnknownTargetsAreReportedNotGuessed() {
        ClaimModels mapping = ClaimModels.of(List.of(ClaimModel.of("Known X", "Nowhere")));
        List<Claim> claims = List.of(claim("Llama 3 70B Instruct"), claim("Known X"));
        ClaimModels.Placement p = mapping.place(claims, ModelFacts.seed());
        assertEquals(0, p.placed().size());
        assertEquals("no mapping for \"Llama 3 70B Instruct\"", p.unplaced().get(0).reason());
        assertTrue(p.unplaced().get(1).reason().contains("not a known model"));
    }

    @Test
    void readRejectsALeftOutNameWithoutAReasonNamingTheLine() {
        String csv = "claim_model,model,release_date,note\nA,Llama 3 70B,,\nB,,,\n";
        var e = assertThrows(IllegalArgumentException.class, () -> ClaimModels.read(new StringReader(csv), "m.csv"));
        assertTrue(e.getMessage().startsWith("m.csv:3: "), e.getMessage());
    }

    @Test
    void readRejectsANameMappedTwice() {
        String csv = "claim_model,model,release_date,note\nA,Llama 3 70B,,\nA,Llama 3 8B,,\n";
        assertThrows(IllegalArgumentException.class, () -> ClaimModels.read(new StringReader(csv), "m.csv"));
    }

    private static Claim claim(String model) {
        return new Claim(model, "MMLU", 80, "5-shot", "vendor (X)", "src", "");
    }
}
