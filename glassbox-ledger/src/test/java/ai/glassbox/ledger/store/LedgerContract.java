package ai.glassbox.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.attestation.AttestationException;
import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.attestation.RunSummary;
import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ClaimAssessment;
import ai.glassbox.ledger.claims.ClaimStatus;
import ai.glassbox.ledger.claims.Claims;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.claims.ModelFacts;
import ai.glassbox.ledger.claims.ReleaseDate;
import ai.glassbox.ledger.log.DuplicateEntryException;
import ai.glassbox.ledger.merkle.ProofException;
import ai.glassbox.ledger.note.NoteException;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.signing.EnvelopeException;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger over the log: recording signed runs, claims and their status; run against SQLite and PostgreSQL. */
abstract class LedgerContract {
    static final SigningKey RUN_KEY = SigningKey.generate();
    static final NoteSigner LOG = new NoteSigner("glassbox.test/ledger", SigningKey.generate());

    @TempDir
    Path dir;

    Ledger ledger;

    abstract String newDatabaseUrl();

    @BeforeEach
    void open() {
        ledger = Ledger.open(newDatabaseUrl());
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /** A signed run directory of {@code model}: mmlu as a group of two subjects, and arc_easy. */
    byte[] signedRun(String name, String model, double mmlu, int perSubject, double arc) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("manifest.json"), """
                {"format": "glassbox-eval-run/1", "model": {"backend": "local", "name": "%s", "properties": {"sha256": "%s"}},
                 "tasks": {"mmlu_anatomy": {"dataset_file": "mmlu.jsonl", "dataset_sha256": "%s"}}}
                """.formatted(model, "a".repeat(64), "b".repeat(64)));
        Files.writeString(run.resolve("results.json"), """
                {"results": {"mmlu_anatomy": {"alias": "mmlu_anatomy", "acc,none": %1$s, "acc_stderr,none": "N/A"},
                             "mmlu_astronomy": {"alias": "mmlu_astronomy", "acc,none": %1$s, "acc_stderr,none": 0.01},
                             "arc_easy": {"acc,none": 0.5, "acc_stderr,none": 0.02, "acc_norm,none": %2$s, "acc_norm_stderr,none": 0.02}},
                 "groups": {"mmlu": {"alias": "mmlu", "acc,none": %1$s, "acc_stderr,none": 0.012}},
                 "group_subtasks": {"mmlu": ["mmlu_anatomy", "mmlu_astronomy"]}, "versions": {}, "n-shot": {},
                 "n-samples": {"mmlu_anatomy": {"original": 135, "effective": %3$d}, "mmlu_astronomy": {"original": 152, "effective": %3$d},
                               "arc_easy": {"original": 2376, "effective": 2376}}}
                """.formatted(mmlu, arc, perSubject));
        Files.writeString(run.resolve("samples_arc_easy.jsonl"), "{\"doc_id\": 0}\n");
        return RunAttestation.sign(run, RUN_KEY).toJson();
    }

    @Test
    void aRecordedRunIsLoggedAndIndexedWithEveryScoreAndItsSampleCount() throws Exception {
        byte[] envelope = signedRun("r1", "m.gguf", 0.6, 500, 0.75);
        Ledger.Recorded r = ledger.recordRun(envelope, RUN_KEY.publicKey(), LOG);
        assertEquals(0, r.logIndex());
        assertArrayEquals(envelope, ledger.log().entry(0).bytes());
        assertEquals(Ledger.RUN_KIND, ledger.log().entry(0).kind());
        Ledger.Run run = ledger.run(0).orElseThrow();
        assertEquals("m.gguf", run.model());
        assertEquals("a".repeat(64), run.modelSha256().orElseThrow());
        assertEquals(RUN_KEY.publicKey().keyId(), run.signerKeyId());
        Map<String, RunSummary.Score> scores = new java.util.HashMap<>();
        run.scores().forEach(s -> scores.put(s.task() + "/" + s.metric(), s));
        assertEquals(1000, scores.get("mmlu/acc,none").samples(), "a group counts its subtasks' samples");
        assertEquals(0.012, scores.get("mmlu/acc,none").stderr().getAsDouble());
        assertTrue(scores.get("mmlu_anatomy/acc,none").stderr().isEmpty(), "N/A is no standard error");
        assertEquals(0.75, scores.get("arc_easy/acc_norm,none").value());
        assertEquals(2376, scores.get("arc_easy/acc_norm,none").samples());
        assertEquals(5, run.scores().size(), "two subjects, the group, two arc_easy metrics");
    }

    @Test
    void aRunIsProvenInTheLogAgainstTheSignedCheckpoint() throws Exception {
        byte[] first = signedRun("r1", "m.gguf", 0.6, 500, 0.75), second = signedRun("r2", "n.gguf", 0.4, 500, 0.5);
        ledger.recordRun(first, RUN_KEY.publicKey(), LOG);
        ledger.recordRun(second, RUN_KEY.publicKey(), LOG);
        Ledger.Inclusion inclusion = ledger.inclusion(first, LOG.verifier()).orElseThrow();
        assertEquals(0, inclusion.index());
        assertEquals(2, inclusion.checkpoint().checkpoint().size());
        // the same envelope claimed at another index is a replay, and its proof fails
        assertThrows(ProofException.class, () -> ledger.inclusionAt(1, first, LOG.verifier()));
        // checkpoints signed by another key are not this log's
        NoteSigner impostor = new NoteSigner(LOG.name(), SigningKey.generate());
        assertThrows(NoteException.class, () -> ledger.inclusion(first, impostor.verifier()));
        // an edited envelope is simply not in the log
        byte[] edited = new String(first, StandardCharsets.UTF_8).replace("\"sig\"", "\"sig\" ").getBytes(StandardCharsets.UTF_8);
        assertTrue(ledger.inclusion(edited, LOG.verifier()).isEmpty());
    }

    @Test
    void aReplayedRunIsRefusedWithItsIndex() throws Exception {
        byte[] envelope = signedRun("r1", "m.gguf", 0.6, 500, 0.75);
        ledger.recordRun(envelope, RUN_KEY.publicKey(), LOG);
        DuplicateEntryException e = assertThrows(DuplicateEntryException.class, () -> ledger.recordRun(envelope, RUN_KEY.publicKey(), LOG));
        assertEquals(0, e.index());
        assertEquals(1, ledger.runs().size());
    }

    @Test
    void runsThatAreNotSignedByTheGivenKeyOrAreNotRunsAreRefusedAndNothingIsLogged() throws Exception {
        byte[] envelope = signedRun("r1", "m.gguf", 0.6, 500, 0.75);
        assertThrows(EnvelopeException.class, () -> ledger.recordRun(envelope, SigningKey.generate().publicKey(), LOG));
        byte[] tampered = new String(envelope, StandardCharsets.UTF_8).replaceFirst("\"payload\"\\s*:\\s*\"e", "\"payload\":\"f").getBytes(StandardCharsets.UTF_8);
        assertThrows(EnvelopeException.class, () -> ledger.recordRun(tampered, RUN_KEY.publicKey(), LOG));
        byte[] other = Envelope.sign("application/vnd.in-toto+json",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"%s\"}}],\"predicateType\":\"https://example.com/other\",\"predicate\":{}}".formatted("c".repeat(64)).getBytes(StandardCharsets.UTF_8),
                RUN_KEY).toJson();
        AttestationException e = assertThrows(AttestationException.class, () -> ledger.recordRun(other, RUN_KEY.publicKey(), LOG));
        assertTrue(e.getMessage().startsWith("predicateType is https://example.com/other"), e.getMessage());
        assertThrows(EnvelopeException.class, () -> ledger.recordRun("{\"payloadType\": 3}".getBytes(StandardCharsets.UTF_8), RUN_KEY.publicKey(), LOG));
        assertEquals(0, ledger.log().size());
        assertTrue(ledger.runs().isEmpty());
    }

    @Test
    void claimsImportOnceAndAreHeldAgainstTheRunsOfTheirModel() throws Exception {
        Claim close = new Claim("Model A", "MMLU", 61.0, "5-shot", "vendor", "example.com/a", "");
        Claim high = new Claim("Model A", "ARC-Easy", 90.0, "25-shot", "vendor", "example.com/a", "");
        Claim unmeasured = new Claim("Model A", "GPQA", 30.0, "0-shot", "vendor", "example.com/a", "");
        Claim otherModel = new Claim("Model B", "MMLU", 50.0, "5-shot", "vendor", "example.com/b", "");
        assertEquals(4, ledger.importClaims(List.of(close, high, unmeasured, otherModel)));
        assertEquals(0, ledger.importClaims(List.of(close, high)), "a re-import adds nothing");
        assertEquals(4, ledger.claims().size());

        ledger.recordRun(signedRun("r1", "model-a.gguf", 0.6, 500, 0.75), RUN_KEY.publicKey(), LOG);
        // before the run's model is named, nothing is measured
        assertTrue(ledger.assessClaims().stream().allMatch(a -> a.status() == ClaimStatus.UNVERIFIED));
        ledger.nameModel("model-a.gguf", "Model A");
        Map<String, ClaimAssessment> byBenchmark = new java.util.HashMap<>();
        ledger.assessClaims().stream().filter(a -> a.claim().model().equals("Model A")).forEach(a -> byBenchmark.put(a.claim().benchmark(), a));
        assertEquals(ClaimStatus.VERIFIED, byBenchmark.get("MMLU").status(), byBenchmark.get("MMLU").reason());
        assertEquals("log index 0", byBenchmark.get("MMLU").evidence());
        assertEquals(1000, byBenchmark.get("MMLU").measured().orElseThrow().n());
        assertEquals(ClaimStatus.DISPUTED, byBenchmark.get("ARC-Easy").status(), byBenchmark.get("ARC-Easy").reason());
        assertEquals(0.75, byBenchmark.get("ARC-Easy").measured().orElseThrow().accuracy(), "ARC is held against acc_norm");
        assertEquals(ClaimStatus.UNVERIFIED, byBenchmark.get("GPQA").status());
    }

    @Test
    void modelFactsImportOnceAndReadBackFieldForField() {
        ModelFact open = new ModelFact("Model A", "Org A", ModelFact.Weights.OPEN, ReleaseDate.parse("2024-07-23"), OptionalDouble.of(70.6), "Apache-2.0", "example.com/a", "");
        ModelFact closed = new ModelFact("Model B", "Org B", ModelFact.Weights.CLOSED, ReleaseDate.parse("2024-03"), OptionalDouble.empty(), "", "example.com/b", "size undisclosed");
        assertEquals(2, ledger.importModels(List.of(open, closed)));
        assertEquals(0, ledger.importModels(List.of(open)), "a re-import adds nothing");
        assertEquals(List.of(closed, open), ledger.models(), "by release date; a month and an empty size survive");
    }

    @Test
    void theShippedClaimsAndModelsAreSeededOnceAndOnlyIntoAnEmptyLedger() {
        Ledger.Seeded first = ledger.seedIfEmpty();
        assertEquals(Claims.seed().size(), first.claims());
        assertEquals(ModelFacts.seed().size(), first.models());
        assertEquals(630, ledger.claims().size());
        assertEquals(ModelFacts.seed().size(), ledger.models().size());
        assertEquals(new Ledger.Seeded(0, 0), ledger.seedIfEmpty(), "seeding again changes nothing");
    }

    @Test
    void theRevisionMovesWithEveryChangeToWhatIsPublishedAndOnlyThen() throws Exception {
        long r0 = ledger.revision();
        ledger.seedIfEmpty();
        long r1 = ledger.revision();
        assertTrue(r1 > r0, "seeding changes claims and models");
        ledger.importClaims(Claims.seed());
        ledger.importModels(ModelFacts.seed());
        assertEquals(r1, ledger.revision(), "a re-import that adds nothing leaves it");
        ledger.recordRun(signedRun("rev", "rev.gguf", 0.5, 10, 0.5), RUN_KEY.publicKey(), LOG);
        long r2 = ledger.revision();
        assertTrue(r2 > r1, "a recorded run moves it");
        ledger.nameModel("rev.gguf", "Model A");
        assertTrue(ledger.revision() > r2, "naming a run's model moves it: claims change status");
        assertThrows(EnvelopeException.class, () -> ledger.recordRun(signedRun("rev2", "rev.gguf", 0.5, 10, 0.5), SigningKey.generate().publicKey(), LOG));
        assertEquals(ledger.revision(), ledger.revision());
    }
}
