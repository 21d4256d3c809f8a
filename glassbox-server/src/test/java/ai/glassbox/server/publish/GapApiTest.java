package ai.glassbox.server.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.claims.Claims;
import ai.glassbox.ledger.claims.ModelFacts;
import ai.glassbox.ledger.gap.ClaimModels;
import ai.glassbox.ledger.gap.ClaimSelection;
import ai.glassbox.ledger.gap.GapAnalysis;
import ai.glassbox.ledger.gap.GapSeries;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServerOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/gap} and the claim-to-model join over a ledger seeded with the shipped facts, checked
 * against {@link GapAnalysis} of the same facts and against figures read off the claims by hand;
 * and that the API sees a change another ledger handle (another process) writes.
 */
class GapApiTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @TempDir
    static Path dir;

    static String url;
    static Ledger ledger;
    static GlassboxServer server;

    @BeforeAll
    static void seeded() {
        url = "jdbc:sqlite:" + dir.resolve("ledger.db");
        ledger = Ledger.open(url);
        ledger.seedIfEmpty();
        server = GlassboxServer.start(List.of(), ServerOptions.loopback(0), ledger);
    }

    @AfterAll
    static void stop() {
        server.close();
        ledger.close();
    }

    static final SigningKey RUN_KEY = SigningKey.generate();
    static final NoteSigner LOG = new NoteSigner("glassbox.test/gap", SigningKey.generate());

    static JsonNode ok(String pathAndQuery) throws Exception {
        return ApiClient.ok(server, pathAndQuery);
    }

    static JsonNode series(JsonNode gap, String benchmark) {
        for (JsonNode s : gap.path("series")) if (s.path("benchmark").asText().equals(benchmark)) return s;
        throw new AssertionError("no series for " + benchmark + " in " + gap.path("series").size());
    }

    @Test
    void theGapIsTheAnalysisOfTheLedgersClaimsAsOfTheGivenDay() throws Exception {
        JsonNode gap = ok("/api/gap?today=" + TODAY);
        GapAnalysis expected = GapAnalysis.of(Claims.seed(), ModelFacts.seed(), ClaimModels.seed(), TODAY);
        assertEquals(TODAY.toString(), gap.path("today").asText());
        assertEquals("all", gap.path("claimed_by").asText());
        assertEquals(expected.series().size(), gap.path("series").size());
        for (int i = 0; i < expected.series().size(); i++) {
            GapSeries e = expected.series().get(i);
            JsonNode s = gap.path("series").get(i);
            assertEquals(e.benchmark(), s.path("benchmark").asText());
            assertEquals(e.closed().points().size(), s.path("closed").size(), e.benchmark());
            assertEquals(e.open().points().size(), s.path("open").size(), e.benchmark());
            assertEquals(e.lags().size(), s.path("lags").size(), e.benchmark());
            for (int j = 0; j < e.open().points().size(); j++) assertEquals(e.open().points().get(j).score(), s.path("open").get(j).path("score").asDouble());
        }
        assertEquals(expected.unplaced().size(), gap.path("unplaced").size());
        assertEquals(79, gap.path("unplaced").size(), "the shipped claims the claim-model table leaves out");
        assertTrue(gap.path("caveats").size() >= 4);
        assertTrue(gap.path("caveats").toString().contains("GPQA is not GPQA-Diamond"), "similar benchmark names are called out");
    }

    @Test
    void mmluOpenTrailsByTheMonthsSinceO1PreviewFirstReachedDeepSeekR1sScore() throws Exception {
        JsonNode h = series(ok("/api/gap?today=" + TODAY), "MMLU").path("headline");
        assertEquals("behind", h.path("kind").asText());
        assertEquals("DeepSeek-R1", h.path("open_best").path("model").asText());
        assertEquals(90.8, h.path("open_best").path("score").asDouble());
        assertEquals("o1-preview (2024-09-12)", h.path("closed_reached").path("claim_model").asText());
        assertEquals("2024-09-12", h.path("closed_reached").path("date").asText());
        double months = ChronoUnit.DAYS.between(LocalDate.of(2024, 9, 12), TODAY) / (365.2425 / 12);
        assertEquals(months, h.path("months").asDouble(), 1e-9);
        assertTrue(h.path("closed_reached").path("source").asText().length() > 5, "every point carries its source");

        JsonNode arc = series(ok("/api/gap?today=" + TODAY + "&benchmark=ARC-Challenge"), "ARC-Challenge").path("headline");
        assertEquals("ahead", arc.path("kind").asText(), "Llama 3.1 405B Instruct's 96.9 beats Claude 3 Opus's 96.4");
        assertTrue(arc.path("months").isMissingNode());
    }

    @Test
    void claimsReleasedAfterTodayAndClaimsNotSelectedDoNotCount() throws Exception {
        LocalDate early = LocalDate.of(2024, 6, 1);
        JsonNode gap = ok("/api/gap?today=" + early);
        assertTrue(gap.path("series").size() > 0 && gap.path("series").size() < ok("/api/gap?today=" + TODAY).path("series").size());
        for (JsonNode s : gap.path("series")) {
            for (String side : List.of("closed", "open")) {
                for (JsonNode p : s.path(side)) assertTrue(!LocalDate.parse(p.path("date").asText()).isAfter(early), p.toString());
            }
        }
        JsonNode third = ok("/api/gap?today=" + TODAY + "&claimed_by=third-party");
        assertEquals("third-party", third.path("claimed_by").asText());
        assertEquals(GapAnalysis.of(Claims.seed(), ModelFacts.seed(), ClaimModels.seed(), TODAY, ClaimSelection.THIRD_PARTY).series().size(), third.path("series").size());
        for (JsonNode s : third.path("series")) {
            for (JsonNode p : s.path("closed")) assertTrue(p.path("claimed_by").asText().startsWith("third party"), p.toString());
        }
        assertEquals(1, ok("/api/gap?today=" + TODAY + "&benchmark=MMLU").path("series").size());
    }

    @Test
    void badGapParametersAreA400AndAnUnknownBenchmarkA404() throws Exception {
        ApiClient.assertBad(server, "/api/gap?today=yesterday", "today", "today is \"yesterday\", not a date as yyyy-MM-dd");
        ApiClient.assertBad(server, "/api/gap?today=2025-02-30", "today", "today is \"2025-02-30\", not a date as yyyy-MM-dd");
        ApiClient.assertBad(server, "/api/gap?claimed_by=press", "claimed_by", "claimed_by is \"press\"; expected all, vendor or third-party");
        JsonNode e = ApiClient.assertError(server, "/api/gap?today=2026-12-01&benchmark=MMLU-Redux", 404, null);
        assertEquals("benchmark", e.path("param").asText());
        assertTrue(e.path("message").asText().startsWith("no gap for benchmark \"MMLU-Redux\": it needs both an open and a closed claim released by 2026-12-01; benchmarks with one: AIME-2024, "), e.toString());
    }

    @Test
    void eachClaimNamesTheModelFactItIsAboutOrNullWhenTheTableLeavesItOut() throws Exception {
        for (JsonNode c : ok("/api/claims?model=" + ApiClient.encode("Llama 3.1 8B Instruct")).path("items")) assertEquals("Llama 3.1 8B", c.path("model_fact").asText());
        JsonNode unplaced = ok("/api/gap?today=" + TODAY).path("unplaced").get(0);
        JsonNode claims = ok("/api/claims?limit=1000&model=" + ApiClient.encode(unplaced.path("model").asText()));
        assertTrue(claims.path("total").asInt() > 0);
        for (JsonNode c : claims.path("items")) assertTrue(c.path("model_fact").isNull(), c.toString());
        // a model's claims are exactly the claims naming it as their fact
        JsonNode model = ok("/api/models/" + ApiClient.encode("Llama 3.1 405B"));
        long about = 0;
        for (JsonNode c : ok("/api/claims?limit=1000").path("items")) if (c.path("model_fact").asText().equals("Llama 3.1 405B")) about++;
        for (JsonNode c : ok("/api/claims?limit=1000&offset=600").path("items")) if (c.path("model_fact").asText().equals("Llama 3.1 405B")) about++;
        assertEquals(about, model.path("claims").size());
    }

    @Test
    void whatAnotherLedgerHandleWritesShowsOnTheNextRequest() throws Exception {
        Path run = dir.resolve("fresh");
        long before = ok("/api/runs").path("total").asLong();
        JsonNode llama = ok("/api/models?organization=Meta&limit=1000");
        try (Ledger other = Ledger.open(url)) {
            other.recordRun(ApiClient.signedRun(run, "fresh.gguf", 0.5, RUN_KEY), RUN_KEY.publicKey(), LOG);
            other.nameModel("fresh.gguf", "Llama 3.1 70B Instruct");
        }
        assertEquals(before + 1, ok("/api/runs").path("total").asLong());
        assertEquals(1, ok("/api/models/" + ApiClient.encode("Llama 3.1 70B")).path("runs").size());
        JsonNode claims = ok("/api/claims?model=" + ApiClient.encode("Llama 3.1 70B Instruct") + "&benchmark=MMLU");
        for (JsonNode c : claims.path("items")) assertEquals("disputed", c.path("status").asText(), "claims of 80%+ against a measured 50%: " + c);
        long runs70b = 0;
        for (JsonNode m : ok("/api/models?organization=Meta&limit=1000").path("items")) if (m.path("name").asText().equals("Llama 3.1 70B")) runs70b = m.path("runs").asLong();
        assertEquals(1, runs70b);
        assertTrue(llama.path("total").asInt() > 0);
    }
}
