package ai.glassbox.ledger.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ModelFactsTest {
    private static final String HEADER = "model,organization,weights,release_date,parameters_b,license,source_url_or_repo_path,note\r\n";

    private static List<ModelFact> read(String csv) {
        return ModelFacts.read(new StringReader(csv), "models.csv");
    }

    private static String error(String row) {
        return assertThrows(CsvFormatException.class, () -> read(HEADER + "Llama 3 8B,Meta,open,2024-04-18,8,Llama 3,src,\r\n" + row)).getMessage();
    }

    @Test
    void everySeedModelParses() {
        List<ModelFact> seed = ModelFacts.seed();
        assertEquals(63, seed.size());
        assertEquals(38, seed.stream().filter(m -> m.weights() == ModelFact.Weights.OPEN).count());
        assertEquals(25, seed.stream().filter(m -> m.weights() == ModelFact.Weights.CLOSED).count());
        assertEquals(seed.size(), seed.stream().map(ModelFact::model).distinct().count());
    }

    @Test
    void seedKeepsMonthOnlyDatesAndUndisclosedSizes() {
        ModelFact grok1 = ModelFacts.seed().stream().filter(m -> m.model().equals("Grok-1")).findFirst().orElseThrow();
        assertEquals(new ReleaseDate(LocalDate.of(2024, 3, 1), ReleaseDate.Precision.MONTH), grok1.releaseDate());
        assertEquals("2024-03", grok1.releaseDate().toString());
        assertEquals(OptionalDouble.of(314), grok1.parametersB());
        ModelFact gpt4 = ModelFacts.seed().stream().filter(m -> m.model().equals("GPT-4")).findFirst().orElseThrow();
        assertEquals(OptionalDouble.empty(), gpt4.parametersB());
        assertEquals("", gpt4.license());
        assertEquals("2023-03-14", gpt4.releaseDate().toString());
    }

    @Test
    void weightsMustBeOpenOrClosed() {
        assertEquals("models.csv line 3: column weights (3) is \"Open\", expected open or closed", error("X,Org,Open,2024-01-01,,,src,\r\n"));
        assertEquals("models.csv line 3: column weights (3) is empty", error("X,Org,,2024-01-01,,,src,\r\n"));
    }

    @Test
    void releaseDateMustBeARealDayOrMonth() {
        String[] bad = {"2024-02-30", "2024/01/01", "01-02-2024", "2024-13", "2024", "2024-1-5"};
        for (String d : bad) {
            assertEquals("models.csv line 3: column release_date (4) \"" + d + "\" is not a date yyyy-MM-dd or a month yyyy-MM", error("X,Org,open," + d + ",,,src,\r\n"));
        }
        assertEquals(LocalDate.of(2024, 2, 29), read(HEADER + "X,Org,open,2024-02-29,,,src,\r\n").getFirst().releaseDate().date());
    }

    @Test
    void parametersMustBeAPositiveDecimalOrEmpty() {
        assertEquals("models.csv line 3: column parameters_b (5) \"7B\" is not a number", error("X,Org,open,2024-01-01,7B,,src,\r\n"));
        assertEquals("models.csv line 3: column parameters_b (5) is 0; leave it empty where the size is unknown", error("X,Org,open,2024-01-01,0,,src,\r\n"));
    }

    @Test
    void modelOrganizationAndSourceAreRequired() {
        assertEquals("models.csv line 3: column model (1) is empty", error(",Org,open,2024-01-01,,,src,\r\n"));
        assertEquals("models.csv line 3: column organization (2) is empty", error("X,,open,2024-01-01,,,src,\r\n"));
        assertEquals("models.csv line 3: column source_url_or_repo_path (7) is empty", error("X,Org,open,2024-01-01,,,,\r\n"));
    }

    @Test
    void headerMustBeExactlyTheColumns() {
        var e = assertThrows(CsvFormatException.class, () -> read("model,organization,weights,release_date,parameters_b,license,source,note\r\n"));
        assertTrue(e.getMessage().startsWith("models.csv line 1: unexpected header column \"source\" (7)"), e.getMessage());
    }

    @Test
    void monthDatesSortBeforeDaysOfThatMonth() {
        assertTrue(ReleaseDate.parse("2024-03").compareTo(ReleaseDate.parse("2024-03-01")) < 0);
        assertTrue(ReleaseDate.parse("2024-02-29").compareTo(ReleaseDate.parse("2024-03")) < 0);
        assertThrows(IllegalArgumentException.class, () -> new ReleaseDate(LocalDate.of(2024, 3, 5), ReleaseDate.Precision.MONTH));
    }
}
