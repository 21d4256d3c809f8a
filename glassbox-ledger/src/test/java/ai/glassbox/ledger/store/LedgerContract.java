package ai.glassbox.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.attestation.AttestationException;
import ai.glassbox.ledger.attestation.ReceiptAttestation;
import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.attestation.RunSummary;
import ai.glassbox.ledger.attestation.Statement;
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
import java.util.Optional;
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
    static final String ARC_SAMPLES = """
            {"doc_id": 0, "doc": {"question": "Which is a gas?"}, "target": "oxygen", "metrics": {"acc": 1}}
            {"doc_id":1,"doc":{"question":"Ünïcode – “quoted” 🚀"},"metrics":{"acc":0}}
            {"doc_id": 2, "metrics": {"acc": 1}}
            """;
    static final String MMLU_SAMPLES = """
            {"doc_id": 0, "metrics": {"acc": 0}}
            {"doc_id": 1, "metrics": {"acc": 1}}
            """;

    /** A signed run whose directory holds {@code samples} (file name to content) beside its results. */
    Path signedRunWith(String name, Map<String, String> samples) throws Exception {
        signedRun(name, "s.gguf", 0.5, 2, 0.5);
        Path run = dir.resolve(name);
        Files.delete(run.resolve("samples_arc_easy.jsonl"));
        for (var f : samples.entrySet()) Files.writeString(run.resolve(f.getKey()), f.getValue());
        RunAttestation.sign(run, RUN_KEY);
        return run;
    }

    Path runWithTwoSampleFiles(String name) throws Exception {
        return signedRunWith(name, Map.of("samples_arc_easy.jsonl", ARC_SAMPLES, "samples_mmlu_anatomy.jsonl", MMLU_SAMPLES));
    }

    static byte[] envelope(Path run) throws Exception {
        return Files.readAllBytes(run.resolve(RunAttestation.FILE));
    }

    static String signedDigest(byte[] envelope, String name) {
        return Statement.parse(Envelope.parse(envelope).payload()).subjects().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow().digest().get("sha256");
    }

    @Test
    void aRunsSampleFilesAreStoredLineByLineAndRebuiltToTheirSignedBytes() throws Exception {
        Path run = runWithTwoSampleFiles("s1");
        byte[] envelope = envelope(run);
        long index = ledger.recordRun(envelope, RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(run)).logIndex();
        assertEquals(List.of("arc_easy", "mmlu_anatomy"), List.copyOf(ledger.sampleCounts(index).keySet()), "sorted by task");
        assertEquals(Map.of("arc_easy", 3L, "mmlu_anatomy", 2L), ledger.sampleCounts(index));

        SamplePage all = ledger.samples(index, Optional.empty(), 0, 100);
        assertEquals(5, all.total());
        List<String> arcLines = ARC_SAMPLES.lines().toList();
        assertEquals(new StoredSample("arc_easy", 1, 1, arcLines.get(1)), all.items().get(1), "the exact line, non-ASCII included");
        assertEquals(List.of("arc_easy/0", "arc_easy/1", "arc_easy/2", "mmlu_anatomy/0", "mmlu_anatomy/1"),
                all.items().stream().map(x -> x.task() + "/" + x.line()).toList());

        for (String task : List.of("arc_easy", "mmlu_anatomy")) {
            String name = "samples_" + task + ".jsonl";
            byte[] file = ledger.sampleFile(index, task).orElseThrow();
            assertArrayEquals(Files.readAllBytes(run.resolve(name)), file);
            assertEquals(signedDigest(envelope, name), Sha256.hex(file), name + " rebuilt has the digest the statement signs");
        }
        assertTrue(ledger.sampleFile(index, "hellaswag").isEmpty());
        assertTrue(ledger.sampleFile(index + 1, "arc_easy").isEmpty());
        assertTrue(ledger.sampleCounts(index + 1).isEmpty());

        assertThrows(DuplicateEntryException.class, () -> ledger.recordRun(envelope, RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(run)));
        assertEquals(5, ledger.samples(index, Optional.empty(), 0, 100).total(), "a refused replay adds no samples");
    }

    @Test
    void samplesArePagedAcrossTasksByTaskThenLine() throws Exception {
        Path run = runWithTwoSampleFiles("s1");
        long index = ledger.recordRun(envelope(run), RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(run)).logIndex();
        SamplePage straddling = ledger.samples(index, Optional.empty(), 2, 2);
        assertEquals(5, straddling.total());
        assertEquals(List.of("arc_easy/2", "mmlu_anatomy/0"), straddling.items().stream().map(x -> x.task() + "/" + x.line()).toList());
        SamplePage mmlu = ledger.samples(index, Optional.of("mmlu_anatomy"), 1, 10);
        assertEquals(2, mmlu.total());
        assertEquals(List.of(new StoredSample("mmlu_anatomy", 1, 1, MMLU_SAMPLES.lines().toList().get(1))), mmlu.items());
        assertEquals(new SamplePage(List.of(), 5), ledger.samples(index, Optional.empty(), 5, 10), "past the end");
        assertEquals(new SamplePage(List.of(), 0), ledger.samples(index, Optional.of("piqa"), 0, 10), "an unknown task selects nothing");
        assertEquals(new SamplePage(List.of(), 0), ledger.samples(index + 7, Optional.empty(), 0, 10), "nor does an unknown run");
        assertThrows(IllegalArgumentException.class, () -> ledger.samples(index, Optional.empty(), -1, 10));
        assertThrows(IllegalArgumentException.class, () -> ledger.samples(index, Optional.empty(), 0, 0));
    }

    @Test
    void recordTakesARunsSampleFilesAndRefusesThemWithAReceipt() throws Exception {
        Path run = runWithTwoSampleFiles("s1");
        long index = ledger.record(envelope(run), RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(run)).logIndex();
        assertEquals(Map.of("arc_easy", 3L, "mmlu_anatomy", 2L), ledger.sampleCounts(index));

        Path receipt = dir.resolve("receipt.json");
        Files.writeString(receipt, "{\"modelSha256\": \"%s\", \"steps\": [], \"finalChain\": \"00\"}".formatted("a".repeat(64)));
        byte[] signed = ReceiptAttestation.sign(receipt, RUN_KEY).toJson();
        AttestationException e = assertThrows(AttestationException.class, () -> ledger.record(signed, RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(run)));
        assertTrue(e.getMessage().contains("samples_arc_easy.jsonl"), e.getMessage());
        assertEquals(1, ledger.log().size());
        assertEquals(1, ledger.record(signed, RUN_KEY.publicKey(), LOG).logIndex());
    }

    @Test
    void aSampleFileChangedAfterSigningIsRefusedByNameAndNothingIsLogged() throws Exception {
        Path run = runWithTwoSampleFiles("s1");
        Map<String, byte[]> files = new java.util.TreeMap<>(RunAttestation.sampleFiles(run));
        byte[] arc = files.get("samples_arc_easy.jsonl").clone();
        arc[arc.length - 4] ^= 1; // "acc": 1 becomes "acc": 0
        files.put("samples_arc_easy.jsonl", arc);
        AttestationException e = assertThrows(AttestationException.class, () -> ledger.recordRun(envelope(run), RUN_KEY.publicKey(), LOG, files));
        assertTrue(e.getMessage().startsWith("samples_arc_easy.jsonl is not the attested file: its SHA-256 is " + Sha256.hex(arc)), e.getMessage());
        assertNothingLogged();
    }

    @Test
    void aSampleFileTheStatementDoesNotListIsRefusedByName() throws Exception {
        Path run = runWithTwoSampleFiles("s1");
        Map<String, byte[]> extra = new java.util.TreeMap<>(RunAttestation.sampleFiles(run));
        extra.put("samples_piqa.jsonl", "{\"doc_id\": 0}\n".getBytes(StandardCharsets.UTF_8));
        AttestationException e = assertThrows(AttestationException.class, () -> ledger.recordRun(envelope(run), RUN_KEY.publicKey(), LOG, extra));
        assertEquals("samples_piqa.jsonl is not a subject of the run's statement: its digest was never signed", e.getMessage());

        Map<String, byte[]> results = Map.of("results.json", Files.readAllBytes(run.resolve("results.json")));
        AttestationException notSamples = assertThrows(AttestationException.class, () -> ledger.recordRun(envelope(run), RUN_KEY.publicKey(), LOG, results));
        assertEquals("results.json is not a samples file: its name must be samples_TASK.jsonl", notSamples.getMessage());
        assertNothingLogged();
    }

    @Test
    void aSignedSampleFileWithABadLineIsRefusedNamingTheFileAndLine() throws Exception {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"doc_id\": 0}\n{\"doc_id\": 1, \n", "samples_t.jsonl line 2: not JSON: ");
        bad.put("{\"doc_id\": 0}\n{\"doc_id\": 1} {}\n", "samples_t.jsonl line 2: not JSON: ");
        bad.put("{\"doc_id\": 0}\n\n", "samples_t.jsonl line 2: not JSON: the line is empty");
        bad.put("[1]\n", "samples_t.jsonl line 1: not a JSON object");
        bad.put("{\"doc\": 0}\n", "samples_t.jsonl line 1: doc_id is missing, not an integer");
        bad.put("{\"doc_id\": 0}\n{\"doc_id\": \"1\"}\n", "samples_t.jsonl line 2: doc_id is \"1\", not an integer");
        bad.put("{\"doc_id\": 1.5}\n", "samples_t.jsonl line 1: doc_id is 1.5, not an integer");
        bad.put("{\"doc_id\": 0}\n{\"doc_id\": 1}", "samples_t.jsonl line 2: the file does not end with a newline");
        int n = 0;
        for (var c : bad.entrySet()) {
            Path run = signedRunWith("bad" + (++n), Map.of("samples_t.jsonl", c.getKey()));
            AttestationException e = assertThrows(AttestationException.class,
                    () -> ledger.recordRun(envelope(run), RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(run)), c.getKey());
            assertTrue(e.getMessage().startsWith(c.getValue()), c.getKey() + " → " + e.getMessage());
        }
        Path latin1 = signedRunWith("latin1", Map.of());
        Files.write(latin1.resolve("samples_t.jsonl"), "{\"doc_id\": 0, \"doc\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        RunAttestation.sign(latin1, RUN_KEY);
        AttestationException e = assertThrows(AttestationException.class,
                () -> ledger.recordRun(envelope(latin1), RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(latin1)));
        assertEquals("samples_t.jsonl line 1: not UTF-8", e.getMessage());
        assertNothingLogged();
    }

    @Test
    void anEmptySampleFileIsAcceptedAndStoresNoLines() throws Exception {
        Path run = signedRunWith("empty", Map.of("samples_t.jsonl", ""));
        long index = ledger.recordRun(envelope(run), RUN_KEY.publicKey(), LOG, RunAttestation.sampleFiles(run)).logIndex();
        assertTrue(ledger.sampleCounts(index).isEmpty());
        assertEquals(1, ledger.log().size());
    }

    void assertNothingLogged() {
        assertEquals(0, ledger.log().size());
        assertTrue(ledger.runs().isEmpty());
        assertTrue(ledger.sampleCounts(0).isEmpty());
    }
}
