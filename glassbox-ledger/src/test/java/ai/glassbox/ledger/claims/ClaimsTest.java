package ai.glassbox.ledger.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsTest {
    private static final String HEADER = "model,benchmark,score,setting,claimed_by,source,note\r\n";
    private static final String ROW = "Llama 3 8B,MMLU,66.6,5-shot,vendor (Meta),github.com/meta-llama/llama-models,\r\n";

    private static List<Claim> read(String csv) {
        return Claims.read(new StringReader(csv), "claims.csv");
    }

    @Test
    void everySeedClaimParses() {
        List<Claim> seed = Claims.seed();
        assertEquals(630, seed.size());
        assertEquals(372, seed.stream().filter(c -> c.claimedBy().startsWith("vendor")).count());
        assertEquals(Set.of("AIME-2024", "AIME-2025", "ARC-Challenge", "GPQA", "GPQA-Diamond", "GSM8K", "HellaSwag", "HumanEval", "LiveCodeBench",
                "MATH", "MATH-500", "MATH-Level-5", "MMLU", "MMLU-Pro", "SWE-bench-Verified", "SimpleQA"), seed.stream().map(Claim::benchmark).collect(Collectors.toSet()));
    }

    @Test
    void seedClaimsHaveDistinctIds() {
        List<Claim> seed = Claims.seed();
        assertEquals(seed.size(), seed.stream().map(Claim::id).distinct().count());
    }

    @Test
    void seedRowsWithQuotedCommasAndQuotesReadWhole() {
        Claim first = Claims.seed().getFirst();
        assertEquals("o3 (2025-04-16, reasoning effort high)", first.model());
        Claim quoted = Claims.seed().get(1);
        assertTrue(quoted.note().startsWith("o-series: no system prompt; table column is \"GPQA\""), quoted.note());
    }

    @Test
    void contentIdIsSha256OfTheCanonicalJson() {
        Claim c = read(HEADER + ROW).getFirst();
        assertEquals("{\"benchmark\":\"MMLU\",\"claimed_by\":\"vendor (Meta)\",\"model\":\"Llama 3 8B\",\"note\":\"\",\"score\":66.6,"
                + "\"setting\":\"5-shot\",\"source\":\"github.com/meta-llama/llama-models\",\"type\":\"https://glassbox.ai/claim/v1\"}",
                new String(c.canonicalBytes(), StandardCharsets.UTF_8));
        // sha256sum of the string above
        assertEquals("f87b45804ff283495a8262540a328b235ee44c084314151ad5c47c5621cc54a0", c.id());
        assertEquals(c.id(), read(HEADER + ROW).getFirst().id());
    }

    @Test
    void contentIdChangesWhenAnyFieldChanges() {
        Claim c = new Claim("m", "MMLU", 50, "5-shot", "vendor", "src", "");
        List<UnaryOperator<Claim>> edits = List.of(
                x -> new Claim("m2", x.benchmark(), x.score(), x.setting(), x.claimedBy(), x.source(), x.note()),
                x -> new Claim(x.model(), "GSM8K", x.score(), x.setting(), x.claimedBy(), x.source(), x.note()),
                x -> new Claim(x.model(), x.benchmark(), 50.1, x.setting(), x.claimedBy(), x.source(), x.note()),
                x -> new Claim(x.model(), x.benchmark(), x.score(), "0-shot", x.claimedBy(), x.source(), x.note()),
                x -> new Claim(x.model(), x.benchmark(), x.score(), x.setting(), "third party", x.source(), x.note()),
                x -> new Claim(x.model(), x.benchmark(), x.score(), x.setting(), x.claimedBy(), "src2", x.note()),
                x -> new Claim(x.model(), x.benchmark(), x.score(), x.setting(), x.claimedBy(), x.source(), "n"));
        Set<String> ids = new HashSet<>(Set.of(c.id()));
        for (var edit : edits) assertTrue(ids.add(edit.apply(c).id()), () -> "an edit kept the id: " + edit.apply(c));
        assertEquals(c.id(), new Claim("m", "MMLU", 50, "5-shot", "vendor", "src", "").id());
    }

    @Test
    void equalScoresWrittenDifferentlyAreTheSameClaim() {
        String a = HEADER + "m,MMLU,91.50,5-shot,vendor,src,\r\n", b = HEADER + "m,MMLU,91.5,5-shot,vendor,src,\r\n";
        assertEquals(read(a).getFirst().id(), read(b).getFirst().id());
    }

    @Test
    void acceptsLfLineEndsAndNoFinalLineEnd() {
        assertEquals(2, read(HEADER.replace("\r", "") + ROW.replace("\r", "") + ROW.strip()).size());
    }

    @Test
    void aQuotedFieldSpanningLinesKeepsLaterLineNumbersRight() {
        var e = assertThrows(CsvFormatException.class, () -> read(HEADER + "m,MMLU,50,5-shot,vendor,src,\"two\r\nlines\"\r\nm,MMLU,x,5-shot,vendor,src,\r\n"));
        assertEquals("claims.csv line 4: column score (3) \"x\" is not a number", e.getMessage());
        assertEquals(4, e.line());
    }

    private static String error(String csv) {
        return assertThrows(CsvFormatException.class, () -> read(csv)).getMessage();
    }

    @Test
    void headerMustBeExactlyTheColumns() {
        String expected = "; expected model,benchmark,score,setting,claimed_by,source,note";
        assertEquals("claims.csv line 1: header lacks column \"note\"" + expected, error("model,benchmark,score,setting,claimed_by,source\r\n"));
        assertEquals("claims.csv line 1: unexpected header column \"url\" (8)" + expected, error(HEADER.strip() + ",url\r\n" + ROW));
        assertEquals("claims.csv line 1: header column \"note\" appears twice" + expected, error(HEADER.strip() + ",note\r\n"));
        assertEquals("claims.csv line 1: header columns are in another order: benchmark,model,score,setting,claimed_by,source,note" + expected,
                error("benchmark,model,score,setting,claimed_by,source,note\r\n"));
        assertEquals("claims.csv line 1: starts with a byte order mark; save it as UTF-8 without one", error("\uFEFF" + HEADER + ROW));
        assertEquals("claims.csv: is empty, expected the header model,benchmark,score,setting,claimed_by,source,note", error(""));
    }

    @Test
    void recordsMustHaveAsManyFieldsAsTheHeader() {
        assertEquals("claims.csv line 3: 8 fields, the header has 7", error(HEADER + ROW + ROW.strip() + ",extra\r\n"));
        assertEquals("claims.csv line 3: 6 fields, the header has 7", error(HEADER + ROW + "m,MMLU,50,5-shot,vendor,src\r\n"));
        assertEquals("claims.csv line 3: 1 field, the header has 7 (an empty line)", error(HEADER + ROW + "\r\n" + ROW));
    }

    @Test
    void scoreMustBeAPlainPercent() {
        assertEquals("claims.csv line 2: column score (3) \"n/a\" is not a number", error(HEADER + "m,MMLU,n/a,5-shot,vendor,src,\r\n"));
        assertEquals("claims.csv line 2: column score (3) \"-1\" is not a number", error(HEADER + "m,MMLU,-1,5-shot,vendor,src,\r\n"));
        assertEquals("claims.csv line 2: column score (3) \"NaN\" is not a number", error(HEADER + "m,MMLU,NaN,5-shot,vendor,src,\r\n"));
        assertEquals("claims.csv line 2: column score (3) \"1e1\" is not a number", error(HEADER + "m,MMLU,1e1,5-shot,vendor,src,\r\n"));
        assertEquals("claims.csv line 3: column score (3) 100.1 is not a percent in [0, 100]", error(HEADER + ROW + "m,MMLU,100.1,5-shot,vendor,src,\r\n"));
        assertEquals("claims.csv line 2: column score (3) is empty", error(HEADER + "m,MMLU,,5-shot,vendor,src,\r\n"));
        assertEquals(100, read(HEADER + "m,MMLU,100,5-shot,vendor,src,\r\n").getFirst().score());
        assertEquals(0, read(HEADER + "m,MMLU,0,5-shot,vendor,src,\r\n").getFirst().score());
    }

    @Test
    void modelAndBenchmarkMustNotBeEmpty() {
        assertEquals("claims.csv line 2: column model (1) is empty", error(HEADER + ",MMLU,50,5-shot,vendor,src,\r\n"));
        assertEquals("claims.csv line 3: column benchmark (2) is empty", error(HEADER + ROW + "m,\"\",50,5-shot,vendor,src,\r\n"));
    }

    @Test
    void paddedValuesAreRejected() {
        assertEquals("claims.csv line 2: column benchmark (2) has leading or trailing whitespace", error(HEADER + "m,MMLU ,50,5-shot,vendor,src,\r\n"));
    }

    @Test
    void malformedQuotingNamesTheRecord() {
        assertTrue(error(HEADER + ROW + "\"m\"x,MMLU,50,5-shot,vendor,src,\r\n").startsWith("claims.csv line 3: malformed record: "));
        assertTrue(error(HEADER + ROW + "\"m,MMLU,50,5-shot,vendor,src,\r\n").startsWith("claims.csv line 3: malformed record: "));
    }

    @Test
    void invalidUtf8IsAnError() {
        byte[] bytes = (HEADER + "m\u00e9,MMLU,50,5-shot,vendor,src,\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("claims.csv line 2: is not valid UTF-8 at byte offset 55", assertThrows(CsvFormatException.class, () -> StrictCsv.utf8(bytes, "claims.csv")).getMessage());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vendor.csv");
        Files.writeString(file, HEADER + ROW);
        assertEquals(1, Claims.read(file).size());
        Files.writeString(file, HEADER + ROW + "m,MMLU,200,5-shot,vendor,src,\r\n");
        assertEquals(file + " line 3: column score (3) 200 is not a percent in [0, 100]", assertThrows(CsvFormatException.class, () -> Claims.read(file)).getMessage());
        assertEquals(dir.resolve("missing.csv") + ": cannot be read: " + dir.resolve("missing.csv"), assertThrows(CsvFormatException.class, () -> Claims.read(dir.resolve("missing.csv"))).getMessage());
    }

    @Test
    void claimRejectsScoresOutsideAPercent() {
        assertThrows(IllegalArgumentException.class, () -> new Claim("m", "MMLU", Double.NaN, "s", "c", "src", ""));
        assertThrows(IllegalArgumentException.class, () -> new Claim("m", "MMLU", 100.5, "s", "c", "src", ""));
        assertNotEquals(0, new Claim("m", "MMLU", 0.5, "s", "c", "src", "").fraction());
    }
}
