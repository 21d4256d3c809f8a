package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.ledger.store.SamplePage;
import ai.glassbox.ledger.store.StoredSample;
import ai.glassbox.testkit.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The README's flow on the embedded ledger: eval signs and logs, verify proves it, the log audits, claims get a status. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerFlowTest {
    @TempDir
    static Path tmp;

    static Path run1, run2, ledgerFile;

    @BeforeAll
    static void twoLoggedRuns() {
        System.setProperty("glassbox.home", tmp.resolve("home").toString());
        ledgerFile = tmp.resolve("home").resolve("ledger.db");
        assertEquals(0, CliTest.run("keys", "init").exitCode());
        run1 = tmp.resolve("run1");
        run2 = tmp.resolve("run2");
        var first = eval(run1, "3");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("logged: index 0 of glassbox.local/"), first.err());
        var second = eval(run2, "2");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("logged: index 1 of "), second.err());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("glassbox.home");
    }

    private static CliTest.Result eval(Path out, String limit) {
        return CliTest.run("eval", "--model", CliTest.stories(), "--tasks", "arc_easy", "--limit", limit, "--out", out.toString(), "--no-progress", "-t", "1",
                "--data", Shared.root().resolve("datasets").toString());
    }

    @Test
    @Order(0)
    void evalLeavesEverySampleOfTheRunInTheLedger() throws Exception {
        try (Ledger l = Ledger.open("jdbc:sqlite:" + ledgerFile)) {
            assertEquals(Map.of("arc_easy", 3L), l.sampleCounts(0));
            assertEquals(Map.of("arc_easy", 2L), l.sampleCounts(1));
            assertArrayEquals(Files.readAllBytes(run1.resolve("samples_arc_easy.jsonl")), l.sampleFile(0, "arc_easy").orElseThrow());
            SamplePage page = l.samples(0, Optional.of("arc_easy"), 1, 10);
            assertEquals(3, page.total());
            assertEquals(List.of(1L, 2L), page.items().stream().map(StoredSample::docId).toList());
        }
    }

    @Test
    @Order(0)
    void logAppendTakesTheSamplesBesideTheEnvelopeAndRefusesAnEditedOne() throws Exception {
        String db = "jdbc:sqlite:" + tmp.resolve("appended.db");
        var byFile = CliTest.run("log", "append", "--db", db, run1.resolve("attestation.dsse.json").toString());
        assertEquals(0, byFile.exitCode(), byFile.err());
        var byDir = CliTest.run("log", "append", "--db", db, run2.toString());
        assertEquals(0, byDir.exitCode(), byDir.err());
        try (Ledger l = Ledger.open(db)) {
            assertArrayEquals(Files.readAllBytes(run1.resolve("samples_arc_easy.jsonl")), l.sampleFile(0, "arc_easy").orElseThrow());
            assertEquals(Map.of("arc_easy", 2L), l.sampleCounts(1));
        }

        Path edited = Files.createDirectories(tmp.resolve("edited"));
        try (var files = Files.list(run1)) {
            for (Path f : files.toList()) Files.copy(f, edited.resolve(f.getFileName()));
        }
        Path samples = edited.resolve("samples_arc_easy.jsonl");
        Files.writeString(samples, Files.readString(samples).replaceFirst("\"doc_id\": ?0", "\"doc_id\": 7"));
        var refused = CliTest.run("log", "append", "--db", "jdbc:sqlite:" + tmp.resolve("edited.db"), edited.toString());
        assertEquals(ExitCodes.INVALID_INPUT, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("samples_arc_easy.jsonl is not the attested file"), refused.err());
        try (Ledger l = Ledger.open("jdbc:sqlite:" + tmp.resolve("edited.db"))) {
            assertEquals(0, l.log().size(), "nothing is appended");
        }
    }

    @Test
    @Order(1)
    void verifyProvesTheRunInTheLogAgainstItsSignedCheckpoint() {
        var v = CliTest.run("verify", run1.toString());
        assertEquals(0, v.exitCode(), v.out() + v.err());
        assertTrue(v.out().contains("OK: signed by "), v.out());
        assertTrue(v.out().matches("(?s).*OK: in log glassbox\\.local/[0-9a-f]{16} at index 0, proven against its signed checkpoint of size 2.*"), v.out());

        var byIndex = CliTest.run("verify", "--log-index", "1");
        assertEquals(0, byIndex.exitCode(), byIndex.out() + byIndex.err());
        assertTrue(byIndex.out().contains("at index 1, proven against its signed checkpoint of size 2"), byIndex.out());

        var envelope = CliTest.run("verify", run2.resolve("attestation.dsse.json").toString());
        assertEquals(0, envelope.exitCode(), envelope.out());
        assertTrue(envelope.out().contains("an envelope alone"), envelope.out());
    }

    @Test
    @Order(2)
    void aRunDirectoryThatIsNotTheLoggedEntryFails() {
        var v = CliTest.run("verify", run2.toString(), "--log-index", "0");
        assertEquals(ExitCodes.VERIFY_FAILED, v.exitCode(), v.out());
        assertTrue(v.out().contains("FAILED: " + run2.resolve("attestation.dsse.json") + " is not the envelope the log holds at index 0"), v.out());
    }

    @Test
    @Order(3)
    void checkpointsAreCheckedWithThePinnedLogKey() {
        String stranger = new NoteSigner("glassbox.local/0000000000000000", SigningKey.generate()).verifier().vkey();
        var v = CliTest.run("verify", run1.toString(), "--log-vkey", stranger);
        assertEquals(ExitCodes.VERIFY_FAILED, v.exitCode(), v.out());
        assertTrue(v.out().contains("FAILED: "), v.out());
    }

    @Test
    @Order(4)
    void theLogShowsItsHeadRunsAndProofs() {
        var info = CliTest.run("log", "info");
        assertEquals(0, info.exitCode());
        assertTrue(info.out().contains("size: 2"), info.out());
        assertTrue(info.out().contains("\n\u2014 glassbox.local/"), "the signed checkpoint is printed: " + info.out());

        var runs = CliTest.run("log", "runs");
        assertTrue(runs.out().contains("|0|stories260K.gguf|local|arc_easy|acc_norm,none|"), runs.out());
        assertTrue(runs.out().contains("|1|stories260K.gguf|local|arc_easy|acc,none|"), runs.out());

        var prove = CliTest.run("log", "prove", "0");
        assertEquals(0, prove.exitCode(), prove.err());
        assertTrue(prove.out().contains("\"leaf_index\" : 0") && prove.out().contains("\"tree_size\" : 2") && prove.out().contains("\"inclusion_path\""), prove.out());

        var consistency = CliTest.run("log", "consistency", "1");
        assertEquals(0, consistency.exitCode(), consistency.err());
        assertTrue(consistency.out().contains("\"size1\" : 1"), consistency.out());

        var audit = CliTest.run("log", "audit");
        assertEquals(0, audit.exitCode(), audit.out());
        assertEquals("OK: 2 entries and 2 signed checkpoints match", audit.out().strip());
    }

    @Test
    @Order(5)
    void aReplayedRunIsNotLoggedTwice() {
        var again = CliTest.run("log", "append", run1.toString());
        assertEquals(ExitCodes.INVALID_INPUT, again.exitCode());
        assertTrue(again.err().contains("the entry is already in the log at index 0"), again.err());
    }

    @Test
    @Order(6)
    void claimsImportOnceAndGetAStatusWithEvidence() throws Exception {
        var imported = CliTest.run("claims", "import");
        assertEquals(0, imported.exitCode(), imported.err());
        assertEquals("imported 630 new claims of 630 read (0 already there)", imported.out().strip());
        assertEquals("imported 0 new claims of 630 read (630 already there)", CliTest.run("claims", "import").out().strip());

        Path csv = tmp.resolve("mine.csv");
        Files.writeString(csv, "model,benchmark,score,setting,claimed_by,source,note\nTiny Stories,ARC-Easy,99.5,0-shot,vendor,example.com,\n");
        assertEquals("imported 1 new claims of 1 read (0 already there)", CliTest.run("claims", "import", csv.toString()).out().strip());
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "model,benchmark,score,setting,claimed_by,source,note\nTiny Stories,ARC-Easy,lots,0-shot,vendor,example.com,\n");
        var refused = CliTest.run("claims", "import", bad.toString());
        assertEquals(ExitCodes.INVALID_INPUT, refused.exitCode());
        assertTrue(refused.err().contains("line 2") && refused.err().contains("score"), refused.err());

        assertEquals(0, CliTest.run("claims", "name", "stories260K.gguf", "Tiny Stories").exitCode());
        var status = CliTest.run("claims", "status", "--model", "Tiny Stories");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("|disputed|Tiny Stories|ARC-Easy|99.5|vendor|log index 0|claimed 99.5%, measured "), status.out());
        assertTrue(status.out().contains("1 claims: 0 verified, 1 disputed, 0 unverified"), status.out());
    }

    @Test
    @Order(7)
    void anEntryEditedInTheDatabaseFailsTheAuditAndVerification() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledgerFile); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE log_entries SET entry = CAST(REPLACE(CAST(entry AS TEXT), '\"sig\"', '\"sig\" ') AS BLOB) WHERE idx = 0");
        }
        var audit = CliTest.run("log", "audit");
        assertEquals(ExitCodes.VERIFY_FAILED, audit.exitCode(), audit.out());
        assertEquals("FAILED: entry 0 does not match its stored leaf hash: the entry was altered", audit.out().strip());
        var byIndex = CliTest.run("verify", "--log-index", "0");
        assertEquals(ExitCodes.VERIFY_FAILED, byIndex.exitCode(), byIndex.out());
    }

    @Test
    @Order(8)
    void aSignedReceiptIsLoggedVerifiedAndAnEditIsCaught() throws Exception {
        Path receipt = tmp.resolve("receipt.json");
        assertEquals(0, CliTest.run("run", CliTest.stories(), "-p", "Once upon a time", "-n", "6", "--temp", "0", "--receipt", receipt.toString()).exitCode());
        assertEquals(0, CliTest.run("attest", receipt.toString()).exitCode());
        var logged = CliTest.run("log", "append", tmp.resolve("receipt.json.dsse.json").toString());
        assertEquals(0, logged.exitCode(), logged.err());
        assertTrue(logged.out().contains("at index 2"), logged.out());
        var v = CliTest.run("verify", receipt.toString());
        assertEquals(0, v.exitCode(), v.out());
        assertTrue(v.out().contains("the receipt is the attested one") && v.out().contains("OK: in log glassbox.local/") && v.out().contains("at index 2"), v.out());
        Files.writeString(receipt, Files.readString(receipt).replaceFirst("\"maxTokens\" : 6", "\"maxTokens\" : 7"));
        var edited = CliTest.run("verify", receipt.toString());
        assertEquals(ExitCodes.VERIFY_FAILED, edited.exitCode(), edited.out());
        assertTrue(edited.out().contains("has changed since it was attested"), edited.out());
    }

    @Test
    @Order(9)
    void digestNamesAFileByItsSha256AndAFolderByTheModelSigningRootDigest() throws Exception {
        var file = CliTest.run("digest", CliTest.stories());
        assertEquals(0, file.exitCode(), file.err());
        assertTrue(file.out().startsWith("047bf46455a544931cff6fef14d7910154c56afbc23ab1c5e56a72e69912c04b  stories260K.gguf"), file.out());
        Path folder = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(folder.resolve("a.gguf"), "hello");
        Files.writeString(folder.resolve("b.json"), "world\n");
        var dir = CliTest.run("digest", folder.toString());
        assertEquals("dea51b5e273d0ae95d1e73d2831350bf98502b2ce74a81de43f8619e78025b0b  model", dir.out().lines().findFirst().orElseThrow());
        assertEquals(3, dir.out().lines().count(), dir.out());
    }
}
