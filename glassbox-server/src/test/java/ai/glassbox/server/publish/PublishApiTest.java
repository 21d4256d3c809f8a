package ai.glassbox.server.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.claims.ModelFacts;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.merkle.MerkleHash;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.note.SignedCheckpoint;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServerOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger API over HTTP, on an SQLite ledger seeded with the shipped data and two signed runs. */
class PublishApiTest {
    static final SigningKey RUN_KEY = SigningKey.generate();
    static final NoteSigner LOG = new NoteSigner("glassbox.test/api", SigningKey.generate());
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static Ledger ledger;
    static GlassboxServer server;

    @BeforeAll
    static void seededLedgerWithTwoRuns() throws Exception {
        ledger = Ledger.open("jdbc:sqlite:" + dir.resolve("ledger.db"));
        ledger.seedIfEmpty();
        ledger.recordRun(signedRun("r1", "llama-8b.gguf", 0.694), RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(dir.resolve("r1")));
        ledger.recordRun(signedRun("r2", "other.gguf", 0.3), RUN_KEY.publicKey(), LOG);
        ledger.nameModel("llama-8b.gguf", "Llama 3.1 8B Instruct");
        server = GlassboxServer.start(List.of(), ServerOptions.loopback(0), ledger);
    }

    @AfterAll
    static void stop() {
        server.close();
        ledger.close();
    }

    static final String ANATOMY = """
            {"doc_id":0,"doc":{"question":"Which bone is longest?"},"target":"femur","metrics":{"acc":1}}
            {"doc_id":1,"doc":{"question":"Ünïcode “quotes”"},"metrics":{"acc":0}}
            {"doc_id":2,"metrics":{"acc":1}}
            """;

    /**
     * A signed run directory: mmlu (a group of two subjects, 500 samples each) at {@code mmlu},
     * with three anatomy and two astronomy sample lines.
     */
    static byte[] signedRun(String name, String model, double mmlu) throws Exception {
        Path run = dir.resolve(name);
        ApiClient.writeRun(run, model, mmlu);
        Files.writeString(run.resolve("samples_mmlu_anatomy.jsonl"), ANATOMY);
        Files.writeString(run.resolve("samples_mmlu_astronomy.jsonl"), "{\"doc_id\":0,\"metrics\":{\"acc\":0}}\n{\"doc_id\":1,\"metrics\":{\"acc\":1}}\n");
        return RunAttestation.sign(run, RUN_KEY).toJson();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return ApiClient.get(server, pathAndQuery);
    }

    static JsonNode ok(String pathAndQuery) throws Exception {
        return ApiClient.ok(server, pathAndQuery);
    }

    static String encode(String s) {
        return ApiClient.encode(s);
    }

    static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    @Test
    void claimsArePagedWithTheirStatusEvidenceAndWilsonInterval() throws Exception {
        JsonNode all = ok("/api/claims");
        assertEquals(630, all.path("total").asInt());
        assertEquals(100, all.path("limit").asInt());
        assertEquals(0, all.path("offset").asInt());
        assertEquals(100, all.path("items").size());
        assertEquals(30, ok("/api/claims?offset=600&limit=1000").path("items").size());

        JsonNode llama = ok("/api/claims?model=" + encode("Llama 3.1 8B Instruct") + "&benchmark=MMLU");
        assertEquals(3, llama.path("total").asInt(), llama.toString());
        for (JsonNode c : items(llama)) {
            double claimed = c.path("score").asDouble() / 100;
            boolean inside = c.path("wilson").path("low").asDouble() <= claimed && claimed <= c.path("wilson").path("high").asDouble();
            assertEquals(inside ? "verified" : "disputed", c.path("status").asText(), c.toString());
            assertEquals("log index 0", c.path("evidence").asText());
            assertEquals(0, c.path("evidence_log_index").asInt());
            assertEquals(1000, c.path("measured").path("n").asInt());
            assertTrue(c.path("reason").asText().startsWith("claimed " + c.path("score").asText().replaceFirst("\\.0$", "") + "%, measured 69.4%"), c.path("reason").asText());
        }
        assertEquals(2, ok("/api/claims?status=verified").path("total").asInt(), "68.4 and 69.4 are inside [66.5, 72.2]");
        assertEquals(1, ok("/api/claims?status=disputed").path("total").asInt(), "73.0 is not");
        assertEquals(627, ok("/api/claims?status=unverified").path("total").asInt());
        JsonNode unmeasured = items(ok("/api/claims?status=unverified&limit=1")).getFirst();
        assertTrue(unmeasured.path("measured").isNull() && unmeasured.path("evidence_log_index").isNull(), unmeasured.toString());
        assertEquals(372, ok("/api/claims?claimed_by=vendor").path("total").asInt());
        assertEquals(258, ok("/api/claims?claimed_by=third-party").path("total").asInt());
    }

    @Test
    void modelsAreFilteredByWeightsAndOrganizationAndCountTheirClaims() throws Exception {
        JsonNode all = ok("/api/models?limit=1000");
        assertEquals(ModelFacts.seed().size(), all.path("total").asInt());
        assertEquals(38, ok("/api/models?weights=open").path("total").asInt());
        assertEquals(ModelFacts.seed().size() - 38, ok("/api/models?weights=closed").path("total").asInt());
        List<JsonNode> meta = items(ok("/api/models?organization=meta&weights=open"));
        assertTrue(meta.size() >= 3 && meta.stream().allMatch(m -> m.path("organization").asText().equals("Meta")), meta.toString());
        JsonNode llama = items(all).stream().filter(m -> m.path("name").asText().equals("Llama 3.1 8B")).findFirst().orElseThrow();
        assertEquals("open", llama.path("weights").asText());
        assertEquals(8.0, llama.path("parameters_b").asDouble());
        assertTrue(llama.path("claims").asInt() >= 13, llama.toString());
    }

    @Test
    void aModelShowsItsFactsItsVariantsClaimsAndItsRuns() throws Exception {
        JsonNode llama = ok("/api/models/" + encode("Llama 3.1 8B"));
        assertEquals("Meta", llama.path("organization").asText());
        List<String> variants = new ArrayList<>();
        llama.path("claims").forEach(c -> variants.add(c.path("model").asText()));
        assertTrue(variants.contains("Llama 3.1 8B Instruct") && variants.stream().allMatch(v -> v.startsWith("Llama 3.1 8B")), variants.toString());
        assertEquals(1, llama.path("runs").size());
        assertEquals(0, llama.path("runs").get(0).path("log_index").asInt());
        assertEquals(0, ok("/api/models/" + encode("Llama 3.1 70B")).path("runs").size(), "70B is not 8B");
    }

    @Test
    void runsArePagedAndARunHasItsScoresSignerAndEnvelope() throws Exception {
        JsonNode runs = ok("/api/runs?limit=1&offset=1");
        assertEquals(2, runs.path("total").asInt());
        assertEquals("other.gguf", items(runs).getFirst().path("model").asText());

        JsonNode run = ok("/api/runs/0");
        assertEquals("llama-8b.gguf", run.path("model").asText());
        assertEquals(RUN_KEY.publicKey().keyId(), run.path("signer_key_id").asText());
        assertEquals("a".repeat(64), run.path("model_sha256").asText());
        JsonNode mmlu = StreamSupport.stream(run.path("scores").spliterator(), false).filter(s -> s.path("task").asText().equals("mmlu")).findFirst().orElseThrow();
        assertEquals(0.694, mmlu.path("value").asDouble());
        assertEquals(1000, mmlu.path("samples").asInt());
        assertEquals("application/vnd.in-toto+json", run.path("envelope").path("payloadType").asText());
        assertEquals(RUN_KEY.publicKey().keyId(), run.path("envelope").path("signatures").get(0).path("keyid").asText());
        assertEquals(RunAttestation.PREDICATE_TYPE, run.path("statement").path("predicateType").asText());
    }

    @Test
    void aRunCountsItsSamplesPerTaskAndPagesThemWithTheirRecords() throws Exception {
        assertEquals(JSON.readTree("{\"mmlu_anatomy\": 3, \"mmlu_astronomy\": 2}"), ok("/api/runs/0").path("samples"));
        assertEquals(JSON.createObjectNode(), ok("/api/runs/1").path("samples"), "a run recorded without its samples has none");

        JsonNode all = ok("/api/runs/0/samples");
        assertEquals(5, all.path("total").asInt());
        assertEquals(100, all.path("limit").asInt());
        assertEquals(List.of("mmlu_anatomy/0", "mmlu_anatomy/1", "mmlu_anatomy/2", "mmlu_astronomy/0", "mmlu_astronomy/1"),
                items(all).stream().map(x -> x.path("task").asText() + "/" + x.path("line").asInt()).toList());
        JsonNode second = items(all).get(1);
        assertEquals(1, second.path("doc_id").asInt());
        assertEquals(JSON.readTree(ANATOMY.lines().toList().get(1)), second.path("record"), "the record as JSON, not as a string");

        JsonNode page = ok("/api/runs/0/samples?task=mmlu_astronomy&offset=1&limit=1");
        assertEquals(2, page.path("total").asInt());
        assertEquals(1, page.path("offset").asInt());
        assertEquals(1, page.path("items").size());
        assertEquals(1, items(page).getFirst().path("record").path("metrics").path("acc").asInt());
        JsonNode straddling = ok("/api/runs/0/samples?offset=2&limit=2");
        assertEquals(List.of("mmlu_anatomy", "mmlu_astronomy"), items(straddling).stream().map(x -> x.path("task").asText()).toList());
        assertEquals(0, ok("/api/runs/1/samples").path("total").asInt());
    }

    @Test
    void aRunsSampleFileIsServedAsTheExactBytesItsStatementSigns() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/runs/0/files/samples_mmlu_anatomy.jsonl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/x-ndjson", r.headers().firstValue("content-type").orElse(""));
        assertArrayEquals(ANATOMY.getBytes(StandardCharsets.UTF_8), r.body());
        JsonNode subject = StreamSupport.stream(ok("/api/runs/0").path("statement").path("subject").spliterator(), false)
                .filter(s -> s.path("name").asText().equals("samples_mmlu_anatomy.jsonl")).findFirst().orElseThrow();
        assertEquals(subject.path("digest").path("sha256").asText(), Sha256.hex(r.body()));
    }

    @Test
    void sampleQueriesOfAnUnknownTaskOrBadPageAreA400AndOfAnUnknownRunOrFileA404() throws Exception {
        assertBad("/api/runs/0/samples?task=piqa", "task", "run 0 has no samples of task \"piqa\"; its tasks are mmlu_anatomy, mmlu_astronomy");
        assertBad("/api/runs/1/samples?task=mmlu_anatomy", "task", "run 1 has no samples of task \"mmlu_anatomy\"; the ledger stores none of its samples");
        assertBad("/api/runs/0/samples?limit=0", "limit", "limit is 0; it must be between 1 and 1000");
        assertBad("/api/runs/0/samples?offset=-1", "offset", "offset is -1; it must not be negative");
        assertBad("/api/runs/first/samples", "index", "index is \"first\", not an integer");
        assertError("/api/runs/7/samples", 404, "the log holds no run at index 7");
        assertError("/api/runs/7/files/samples_mmlu_anatomy.jsonl", 404, "the log holds no run at index 7");
        assertError("/api/runs/0/files/samples_piqa.jsonl", 404, "run 0 has no file \"samples_piqa.jsonl\"; it serves the samples_TASK.jsonl of the tasks GET /api/runs/0 lists");
        assertError("/api/runs/0/files/results.json", 404, "run 0 has no file \"results.json\"; it serves the samples_TASK.jsonl of the tasks GET /api/runs/0 lists");
        assertError("/api/runs/1/files/samples_mmlu_anatomy.jsonl", 404, "run 1 has no file \"samples_mmlu_anatomy.jsonl\"; it serves the samples_TASK.jsonl of the tasks GET /api/runs/1 lists");
    }

    @Test
    void theInclusionProofFromTheApiVerifiesAgainstTheSignedCheckpoint() throws Exception {
        HttpResponse<String> note = get("/api/log/checkpoint");
        assertEquals(200, note.statusCode());
        assertTrue(note.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        SignedCheckpoint checkpoint = SignedCheckpoint.open(note.body(), LOG.verifier());
        assertEquals(2, checkpoint.checkpoint().size());

        JsonNode entry = ok("/api/log/entries/0");
        byte[] bytes = Base64.getDecoder().decode(entry.path("entry").asText());
        Hash leaf = MerkleHash.leaf(bytes);
        assertEquals(entry.path("leaf_hash").asText(), Base64.getEncoder().encodeToString(leaf.bytes()));
        assertEquals(Ledger.RUN_KIND, entry.path("kind").asText());

        JsonNode proof = ok("/api/log/proof/inclusion?index=0&size=2");
        assertEquals(entry.path("leaf_hash").asText(), proof.path("leaf_hash").asText());
        assertEquals(note.body(), proof.path("checkpoint").asText());
        InclusionProof.verify(0, 2, leaf, hashes(proof.path("inclusion_path")), checkpoint.checkpoint().root());
        assertEquals(1, ok("/api/log/proof/inclusion?index=1").path("inclusion_path").size(), "the size defaults to the log's");
    }

    @Test
    void theConsistencyProofFromTheApiVerifiesBetweenTheTwoSizes() throws Exception {
        JsonNode proof = ok("/api/log/proof/consistency?from=1&to=2");
        assertEquals(1, proof.path("size1").asInt());
        assertEquals(2, proof.path("size2").asInt());
        ConsistencyProof.verify(1, 2, ledger.log().root(1), ledger.log().root(2), hashes(proof.path("consistency_path")));
    }

    @Test
    void badParametersAreA400NamingTheParameter() throws Exception {
        assertBad("/api/claims?limit=ten", "limit", "limit is \"ten\", not an integer");
        assertBad("/api/claims?limit=1001", "limit", "limit is 1001; it must be between 1 and 1000");
        assertBad("/api/runs?limit=0", "limit", "limit is 0; it must be between 1 and 1000");
        assertBad("/api/runs?offset=-1", "offset", "offset is -1; it must not be negative");
        assertBad("/api/claims?status=maybe", "status", "status is \"maybe\"; expected verified, disputed or unverified");
        assertBad("/api/claims?claimed_by=press", "claimed_by", "claimed_by is \"press\"; expected all, vendor or third-party");
        assertBad("/api/models?weights=ajar", "weights", "weights is \"ajar\"; expected open or closed");
        assertBad("/api/runs/first", "index", "index is \"first\", not an integer");
        assertBad("/api/log/entries/-1", "index", "index is -1; it must not be negative");
        assertBad("/api/log/proof/inclusion", "index", "index is required");
        assertBad("/api/log/proof/inclusion?index=2", "index", "index 2 is not in the tree of size 2");
        assertBad("/api/log/proof/inclusion?index=0&size=3", "size", "size is 3 but the log has 2 entries");
        assertBad("/api/log/proof/consistency?from=0", "from", "from is 0; it must be between 1 and to (2)");
        assertBad("/api/log/proof/consistency?from=2&to=1", "from", "from is 2; it must be between 1 and to (1)");
        assertBad("/api/log/proof/consistency?from=1&to=9", "to", "to is 9 but the log has 2 entries");
    }

    @Test
    void unknownItemsAreA404() throws Exception {
        assertError("/api/models/" + encode("Llama 9"), 404, "no model named \"Llama 9\" in the ledger; GET /api/models lists them");
        assertError("/api/runs/7", 404, "the log holds no run at index 7");
        assertError("/api/log/entries/2", 404, "the log has no entry 2 (its size is 2)");
        assertError("/api/nothing", 404, "no route GET /api/nothing");
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheServedRoutes() throws Exception {
        JsonNode doc = ok("/api/openapi.json");
        assertEquals("3.1.0", doc.path("openapi").asText());
        Set<String> documented = new HashSet<>();
        doc.path("paths").fieldNames().forEachRemaining(documented::add);
        assertEquals(Set.copyOf(PublishApi.ROUTES), documented);
        for (String path : documented) {
            String url = path.replace("{index}/files/{name}", "{index}/files/samples_mmlu_anatomy.jsonl").replace("{name}", encode("Llama 3.1 8B")).replace("{index}", "0");
            if (path.endsWith("/inclusion")) url += "?index=0";
            if (path.endsWith("/consistency")) url += "?from=1";
            assertEquals(200, get(url).statusCode(), url);
            assertTrue(doc.path("paths").path(path).path("get").path("responses").has("200"), path);
        }
    }

    static void assertBad(String url, String param, String message) throws Exception {
        ApiClient.assertBad(server, url, param, message);
    }

    static JsonNode assertError(String url, int status, String message) throws Exception {
        return ApiClient.assertError(server, url, status, message);
    }

    static List<Hash> hashes(JsonNode base64s) {
        List<Hash> out = new ArrayList<>();
        base64s.forEach(h -> out.add(new Hash(Base64.getDecoder().decode(h.asText()))));
        return out;
    }
}
