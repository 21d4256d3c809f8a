package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glassbox submit} against {@code glassbox up --trust}: a run evaluated and signed on one
 * machine lands in another's ledger only when the server trusts its key, and every refusal says why.
 */
class SubmitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path run;
    static Path submitterKey;
    static Path serverKey;

    @BeforeAll
    static void aSignedRunThatWasNotLoggedHere() {
        System.setProperty("glassbox.home", dir.resolve("submitter").toString());
        submitterKey = dir.resolve("submitter").resolve("keys").resolve("signing.key");
        serverKey = dir.resolve("server.key");
        assertEquals(0, CliTest.run("keys", "init").exitCode());
        assertEquals(0, CliTest.run("keys", "init", "--key", serverKey.toString()).exitCode());
        run = dir.resolve("run");
        var eval = CliTest.run("eval", "--model", CliTest.stories(), "--tasks", "arc_easy", "--limit", "2", "--out", run.toString(),
                "--no-progress", "--no-log", "-t", "1", "--data", Shared.root().resolve("datasets").toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.err().contains("attested: "), eval.err());
    }

    @AfterAll
    static void home() {
        System.clearProperty("glassbox.home");
    }

    static JsonNode get(int port, String path) throws Exception {
        var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), path + ": " + res.body());
        return JSON.readTree(res.body());
    }

    @Test
    void aTrustedRunIsAppendedOnceAndShownByTheServer() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("trusting.db");
        String printed = UpCommandTest.up(db, port -> {
            var first = CliTest.run("submit", run.toString(), "--to", "http://127.0.0.1:" + port);
            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().startsWith("submitted " + run + ": index 0 (tree size 1)"), first.out());
            JsonNode shown = get(port, "/api/runs/0");
            assertEquals("stories260K.gguf", shown.path("model").asText());
            assertEquals(2, shown.path("samples").path("arc_easy").asInt(), "the samples came with it: " + shown.path("samples"));
            assertEquals(1, get(port, "/api/runs").path("total").asInt());

            var again = CliTest.run("submit", run.toString(), "--to", "http://127.0.0.1:" + port);
            assertEquals(ExitCodes.VERIFY_FAILED, again.exitCode());
            assertTrue(again.err().contains("refused " + run + ": 409 the log already holds this run, at index 0"), again.err());
        }, "--log-key", serverKey.toString(), "--trust", submitterKey + ".pub");
        assertTrue(printed.contains("taking runs signed by "), printed);
    }

    @Test
    void aRunWhoseSampleFileWasEditedIsRefusedNamingTheFile() throws Exception {
        Path edited = dir.resolve("edited");
        java.nio.file.Files.createDirectories(edited);
        try (var files = java.nio.file.Files.list(run)) {
            for (Path f : files.toList()) java.nio.file.Files.copy(f, edited.resolve(f.getFileName()));
        }
        Path samples = edited.resolve("samples_arc_easy.jsonl");
        java.nio.file.Files.writeString(samples, java.nio.file.Files.readString(samples).replaceFirst("\"doc_id\": ?0", "\"doc_id\": 1"));
        String db = "jdbc:sqlite:" + dir.resolve("edited.db");
        UpCommandTest.up(db, port -> {
            var r = CliTest.run("submit", edited.toString(), "--to", "http://127.0.0.1:" + port);
            assertEquals(ExitCodes.VERIFY_FAILED, r.exitCode());
            assertTrue(r.err().contains("refused " + edited + ": 422 ") && r.err().contains("samples_arc_easy.jsonl"), r.err());
            assertEquals(0, get(port, "/api/runs").path("total").asInt(), "nothing of it is appended");
        }, "--log-key", serverKey.toString(), "--trust", submitterKey + ".pub");
    }

    @Test
    void aRunSignedByAKeyTheServerDoesNotTrustIsRefused() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("other.db");
        UpCommandTest.up(db, port -> {
            var r = CliTest.run("submit", run.toString(), "--to", "http://127.0.0.1:" + port);
            assertEquals(ExitCodes.VERIFY_FAILED, r.exitCode());
            assertTrue(r.err().contains("refused " + run + ": 422 the envelope does not verify: "), r.err());
            assertEquals(0, get(port, "/api/runs").path("total").asInt());
        }, "--log-key", serverKey.toString(), "--trust", serverKey + ".pub");
    }

    @Test
    void aReadOnlyServerRefusesSubmissionsAndSaysHowToTakeThem() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("readonly.db");
        UpCommandTest.up(db, port -> {
            var r = CliTest.run("submit", run.toString(), "--to", "http://127.0.0.1:" + port);
            assertEquals(ExitCodes.VERIFY_FAILED, r.exitCode());
            assertTrue(r.err().contains("refused " + run + ": 403 ") && r.err().contains("--trust PUB.pem"), r.err());
        });
    }

    @Test
    void aDirectoryWithoutAnAttestationIsABadInput() {
        var r = CliTest.run("submit", dir.toString(), "--to", "http://127.0.0.1:9");
        assertTrue(r.exitCode() != 0);
        assertTrue(r.err().contains("holds no attestation.dsse.json: sign it with glassbox attest first"), r.err());
    }
}
