package ai.glassbox.server.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.note.SignedCheckpoint;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServerOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/runs} over HTTP: a run signed by a trusted key is verified and appended; any
 * other is refused with a status and a reason, and the log does not change.
 */
class RunSubmissionsTest {
    static final SigningKey TRUSTED = SigningKey.generate();
    static final SigningKey STRANGER = SigningKey.generate();
    static final NoteSigner LOG = new NoteSigner("glassbox.test/submissions", SigningKey.generate());

    @TempDir
    static Path dir;

    static Ledger ledger;
    static GlassboxServer taking;
    static GlassboxServer readOnly;

    @BeforeAll
    static void servers() {
        ledger = Ledger.open("jdbc:sqlite:" + dir.resolve("ledger.db"));
        taking = GlassboxServer.start(List.of(), ServerOptions.loopback(0), ledger, new RunSubmissions(List.of(TRUSTED.publicKey()), LOG));
        readOnly = GlassboxServer.start(List.of(), ServerOptions.loopback(0), ledger);
    }

    @AfterAll
    static void stop() {
        taking.close();
        readOnly.close();
        ledger.close();
    }

    static byte[] submission(byte[] envelope) {
        ObjectNode o = ApiClient.JSON.createObjectNode();
        o.put("envelope", Base64.getEncoder().encodeToString(envelope));
        o.putObject("samples");
        return LedgerJson.bytes(o);
    }

    static byte[] submission(byte[] envelope, Map<String, byte[]> samples) {
        ObjectNode o = ApiClient.JSON.createObjectNode();
        o.put("envelope", Base64.getEncoder().encodeToString(envelope));
        ObjectNode files = o.putObject("samples");
        samples.forEach((name, bytes) -> files.put(name, Base64.getEncoder().encodeToString(bytes)));
        return LedgerJson.bytes(o);
    }

    static HttpResponse<String> submit(GlassboxServer server, byte[] body) throws Exception {
        return ApiClient.post(server, "/api/runs", body);
    }

    @Test
    void aRunSignedByATrustedKeyIsAppendedAndShownOnce() throws Exception {
        byte[] envelope = ApiClient.signedRun(dir.resolve("good"), "good.gguf", 0.61, TRUSTED);
        HttpResponse<String> r = submit(taking, submission(envelope));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode answer = ApiClient.JSON.readTree(r.body());
        long index = answer.path("log_index").asLong();
        SignedCheckpoint checkpoint = SignedCheckpoint.open(answer.path("checkpoint").asText(), LOG.verifier());
        assertEquals(answer.path("tree_size").asLong(), checkpoint.checkpoint().size());
        assertTrue(index < checkpoint.checkpoint().size());

        JsonNode run = ApiClient.ok(readOnly, "/api/runs/" + index);
        assertEquals("good.gguf", run.path("model").asText());
        assertEquals(TRUSTED.publicKey().keyId(), run.path("signer_key_id").asText());

        JsonNode again = ApiClient.error(submit(taking, submission(envelope)), 409, "the log already holds this run, at index " + index);
        assertTrue(again.path("type").asText().contains("conflict"), again.toString());
    }

    @Test
    void aSubmittedRunsSampleFilesAreVerifiedAndStoredAndAnEditedOneIsRefused() throws Exception {
        Path dir = Files.createDirectories(RunSubmissionsTest.dir.resolve("with-samples"));
        Files.writeString(dir.resolve("samples_mmlu_anatomy.jsonl"), "{\"doc_id\":0,\"metrics\":{\"acc\":1}}\n{\"doc_id\":1,\"metrics\":{\"acc\":0}}\n");
        byte[] envelope = ApiClient.signedRun(dir, "samples.gguf", 0.5, TRUSTED);
        Map<String, byte[]> samples = RunAttestation.sampleFiles(dir);

        Map<String, byte[]> edited = new TreeMap<>(samples);
        edited.put("samples_mmlu_anatomy.jsonl", "{\"doc_id\":0,\"metrics\":{\"acc\":1}}\n{\"doc_id\":1,\"metrics\":{\"acc\":1}}\n".getBytes(StandardCharsets.UTF_8));
        long size = ledger.log().size();
        JsonNode e = ApiClient.error(submit(taking, submission(envelope, edited)), 422, null);
        assertTrue(e.path("message").asText().startsWith("the run does not verify: samples_mmlu_anatomy.jsonl is not the attested file"), e.toString());
        assertEquals(size, ledger.log().size(), "a refused run leaves the log as it was");

        HttpResponse<String> r = submit(taking, submission(envelope, samples));
        assertEquals(201, r.statusCode(), r.body());
        long index = ApiClient.JSON.readTree(r.body()).path("log_index").asLong();
        assertEquals(2, ApiClient.ok(readOnly, "/api/runs/" + index).path("samples").path("mmlu_anatomy").asInt());
        assertEquals(2, ApiClient.ok(readOnly, "/api/runs/" + index + "/samples").path("total").asInt());
    }

    @Test
    void runsSignedByAnUntrustedKeyOrTamperedWithAreRefusedAndNothingIsAppended() throws Exception {
        long size = ledger.log().size();
        byte[] stranger = ApiClient.signedRun(dir.resolve("stranger"), "stranger.gguf", 0.9, STRANGER);
        JsonNode e = ApiClient.error(submit(taking, submission(stranger)), 422, null);
        assertEquals("envelope", e.path("param").asText());
        assertTrue(e.path("message").asText().startsWith("the envelope does not verify: "), e.toString());

        byte[] good = ApiClient.signedRun(dir.resolve("tampered"), "tampered.gguf", 0.4, TRUSTED);
        JsonNode parsed = ApiClient.JSON.readTree(good);
        String payload = new String(Base64.getDecoder().decode(parsed.path("payload").asText()), StandardCharsets.UTF_8);
        ((ObjectNode) parsed).put("payload", Base64.getEncoder().encodeToString(payload.replace("tampered.gguf", "tampered.ggug").getBytes(StandardCharsets.UTF_8)));
        JsonNode t = ApiClient.error(submit(taking, submission(LedgerJson.bytes(parsed))), 422, null);
        assertTrue(t.path("message").asText().startsWith("the envelope does not verify: "), t.toString());
        assertEquals(size, ledger.log().size(), "a refused run leaves the log as it was");
    }

    @Test
    void malformedSubmissionsAreA400NamingWhatIsWrong() throws Exception {
        ApiClient.error(submit(taking, "[1, 2]".getBytes(StandardCharsets.UTF_8)), 400, "the body must be a JSON object {\"envelope\": base64, \"samples\": {name: base64}}");
        ApiClient.error(submit(taking, "{not json".getBytes(StandardCharsets.UTF_8)), 400, "the body must be a JSON object {\"envelope\": base64, \"samples\": {name: base64}}");
        JsonNode missing = ApiClient.error(submit(taking, "{}".getBytes(StandardCharsets.UTF_8)), 400, "envelope must be a base64 string");
        assertEquals("envelope", missing.path("param").asText());
        ApiClient.error(submit(taking, "{\"envelope\": \"%%%\"}".getBytes(StandardCharsets.UTF_8)), 400, null);
        ApiClient.error(submit(taking, "{\"envelope\": \"AAAA\", \"samples\": []}".getBytes(StandardCharsets.UTF_8)), 400, "samples must be an object of file name to base64 content");
    }

    @Test
    void aReadOnlyLedgerRefusesEverySubmissionWith403() throws Exception {
        byte[] envelope = ApiClient.signedRun(dir.resolve("unwanted"), "unwanted.gguf", 0.5, TRUSTED);
        JsonNode e = ApiClient.error(submit(readOnly, submission(envelope)), 403, null);
        assertTrue(e.path("message").asText().contains("--trust"), e.toString());
    }
}
