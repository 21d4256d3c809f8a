package ai.glassbox.server.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.server.GlassboxServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real HTTP client for the ledger API's tests, and signed run directories to feed it. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ApiClient() {}

    static URI uri(GlassboxServer server, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    static HttpResponse<String> get(GlassboxServer server, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(server, pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(GlassboxServer server, String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(server, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a 200 JSON answer. */
    static JsonNode ok(GlassboxServer server, String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(server, pathAndQuery);
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""), pathAndQuery);
        return JSON.readTree(r.body());
    }

    /** The error object of an answer with {@code status}; its message is {@code message} unless that is null. */
    static JsonNode error(HttpResponse<String> r, int status, String message) throws Exception {
        assertEquals(status, r.statusCode(), r.uri() + ": " + r.body());
        JsonNode error = JSON.readTree(r.body()).path("error");
        if (message != null) assertEquals(message, error.path("message").asText(), r.uri().toString());
        return error;
    }

    static JsonNode assertError(GlassboxServer server, String url, int status, String message) throws Exception {
        return error(get(server, url), status, message);
    }

    static void assertBad(GlassboxServer server, String url, String param, String message) throws Exception {
        assertEquals(param, assertError(server, url, 400, message).path("param").asText(), url);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A run directory signed by {@code key}: mmlu (two subjects, 500 samples each) at {@code mmlu}; answers the envelope's bytes. */
    static byte[] signedRun(Path run, String model, double mmlu, SigningKey key) throws Exception {
        writeRun(run, model, mmlu);
        return RunAttestation.sign(run, key).toJson();
    }

    /** Writes an unsigned run directory's manifest and results: mmlu (two subjects, 500 samples each) at {@code mmlu}. */
    static void writeRun(Path run, String model, double mmlu) throws Exception {
        Files.createDirectories(run);
        Files.writeString(run.resolve("manifest.json"), """
                {"format": "glassbox-eval-run/1", "model": {"backend": "local", "name": "%s", "properties": {"sha256": "%s"}},
                 "tasks": {"mmlu_anatomy": {"dataset_file": "mmlu.jsonl", "dataset_sha256": "%s"}}}
                """.formatted(model, "a".repeat(64), "b".repeat(64)));
        Files.writeString(run.resolve("results.json"), """
                {"results": {"mmlu_anatomy": {"alias": "mmlu_anatomy", "acc,none": %1$s, "acc_stderr,none": 0.01},
                             "mmlu_astronomy": {"alias": "mmlu_astronomy", "acc,none": %1$s, "acc_stderr,none": 0.01}},
                 "groups": {"mmlu": {"alias": "mmlu", "acc,none": %1$s, "acc_stderr,none": 0.012}},
                 "group_subtasks": {"mmlu": ["mmlu_anatomy", "mmlu_astronomy"]}, "versions": {}, "n-shot": {},
                 "n-samples": {"mmlu_anatomy": {"original": 135, "effective": 500}, "mmlu_astronomy": {"original": 152, "effective": 500}}}
                """.formatted(mmlu));
    }
}
