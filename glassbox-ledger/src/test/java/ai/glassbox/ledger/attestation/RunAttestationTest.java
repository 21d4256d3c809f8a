package ai.glassbox.ledger.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.signing.EnvelopeException;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run directory signed, verified, and refused after any change to what it attests. */
class RunAttestationTest {
    private static final String MODEL_SHA = "a".repeat(64);
    private static final String DATA_SHA = "b".repeat(64);

    @TempDir
    Path run;

    private final SigningKey key = SigningKey.generate();

    @BeforeEach
    void writeRun() throws Exception {
        Files.writeString(run.resolve("manifest.json"), """
                {"format": "glassbox-eval-run/1", "model": {"backend": "local", "name": "m.gguf", "properties": {"sha256": "%s"}},
                 "fewshot_seed": 1234, "limit": 2,
                 "tasks": {"arc_easy": {"version": "1", "dataset_file": "arc_easy.jsonl", "dataset_sha256": "%s", "samples": 2}}}
                """.formatted(MODEL_SHA, DATA_SHA));
        Files.writeString(run.resolve("results.json"), """
                {"results": {"arc_easy": {"acc,none": 0.5, "acc_stderr,none": 0.5}}, "groups": {}, "group_subtasks": {}, "versions": {"arc_easy": "1"},
                 "n-shot": {"arc_easy": 0}, "n-samples": {"arc_easy": {"original": 2376, "effective": 2}}}
                """);
        Files.writeString(run.resolve("samples_arc_easy.jsonl"), "{\"doc_id\": 0, \"acc\": 1}\n{\"doc_id\": 1, \"acc\": 0}\n");
    }

    @Test
    void theStatementNamesModelDatasetsAndEveryRecord() {
        Statement s = RunAttestation.statement(run);
        var names = s.subjects().stream().map(Statement.Subject::name).toList();
        assertEquals(java.util.List.of("model:m.gguf", "dataset:arc_easy.jsonl", "results.json", "samples_arc_easy.jsonl"), names);
        assertEquals(MODEL_SHA, s.subjects().getFirst().digest().get("sha256"));
        assertEquals(0.5, s.predicate().path("results").path("arc_easy").path("acc,none").asDouble());
        assertEquals(s, Statement.parse(s.canonicalBytes()), "canonical bytes read back to the same statement");
    }

    @Test
    void aResultsFileWithoutAPartIsRefusedByName() throws Exception {
        Files.writeString(run.resolve("results.json"), "{\"results\": {}, \"groups\": {}}");
        AttestationException e = assertThrows(AttestationException.class, () -> RunAttestation.statement(run));
        assertEquals(run.resolve("results.json") + " has no object \"group_subtasks\": is this a finished run directory?", e.getMessage());
    }

    @Test
    void aSignedRunVerifies() {
        RunAttestation.sign(run, key);
        var v = RunAttestation.verify(run, Set.of(key.publicKey()));
        assertEquals(key.publicKey(), v.signer());
    }

    @Test
    void anyChangeToTheRunIsCaught() throws Exception {
        RunAttestation.sign(run, key);
        Files.writeString(run.resolve("samples_arc_easy.jsonl"), "{\"doc_id\": 0, \"acc\": 1}\n{\"doc_id\": 1, \"acc\": 1}\n");
        var e = assertThrows(AttestationException.class, () -> RunAttestation.verify(run, Set.of(key.publicKey())));
        assertTrue(e.getMessage().contains("samples_arc_easy.jsonl has changed"), e.getMessage());
    }

    @Test
    void anEditedScoreIsCaughtEvenWithTheRecordsResigned() throws Exception {
        RunAttestation.sign(run, key);
        String results = Files.readString(run.resolve("results.json")).replace("0.5,", "0.9,");
        Files.writeString(run.resolve("results.json"), results);
        assertThrows(AttestationException.class, () -> RunAttestation.verify(run, Set.of(key.publicKey())));
        // re-signing with another key is not accepted by someone who trusts the first
        RunAttestation.sign(run, SigningKey.generate());
        var e = assertThrows(EnvelopeException.class, () -> RunAttestation.verify(run, Set.of(key.publicKey())));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    @Test
    void addedOrRemovedRecordsAreCaught() throws Exception {
        RunAttestation.sign(run, key);
        Files.writeString(run.resolve("samples_mmlu.jsonl"), "{}\n");
        assertTrue(assertThrows(AttestationException.class, () -> RunAttestation.verify(run, Set.of(key.publicKey()))).getMessage().contains("not in its attestation"));
        Files.delete(run.resolve("samples_mmlu.jsonl"));
        Files.delete(run.resolve("samples_arc_easy.jsonl"));
        assertTrue(assertThrows(AttestationException.class, () -> RunAttestation.verify(run, Set.of(key.publicKey()))).getMessage().contains("missing"));
    }

    @Test
    void aTamperedEnvelopeIsRefused() throws Exception {
        RunAttestation.sign(run, key);
        Path env = run.resolve(RunAttestation.FILE);
        String text = Files.readString(env);
        int at = text.indexOf("\"payload\" : \"") + 14;
        char c = text.charAt(at);
        Files.writeString(env, text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1));
        assertThrows(RuntimeException.class, () -> RunAttestation.verify(run, Set.of(key.publicKey())));
        Files.writeString(env, "{\"payloadType\": 1}");
        assertThrows(EnvelopeException.class, () -> RunAttestation.verify(run, Set.of(key.publicKey())));
    }
}
