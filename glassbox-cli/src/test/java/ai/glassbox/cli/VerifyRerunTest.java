package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.backend.OpenAiTestServer;
import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox verify} re-running a signed stories260K run: identical samples pass, a re-signed edit is named. */
class VerifyRerunTest {
    @TempDir
    static Path tmp;

    static Path run;

    @BeforeAll
    static void signedRun() {
        System.setProperty("glassbox.home", tmp.resolve("home").toString());
        assertEquals(0, CliTest.run("keys", "init").exitCode());
        run = tmp.resolve("run");
        var eval = eval(CliTest.stories(), run, "arc_easy,winogrande", "3");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.err().contains("attested: "), eval.err());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("glassbox.home");
    }

    private static CliTest.Result eval(String model, Path out, String tasks, String limit) {
        return CliTest.run("eval", "--model", model, "--tasks", tasks, "--limit", limit, "--out", out.toString(), "--no-progress", "-t", "1",
                "--data", Shared.root().resolve("datasets").toString());
    }

    private static CliTest.Result verify(Path dir, String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "verify";
        args[1] = dir.toString();
        args[2] = "--no-progress";
        args[3] = "--data=" + Shared.root().resolve("datasets");
        System.arraycopy(more, 0, args, 4, more.length);
        return CliTest.run(args);
    }

    @Test
    void withoutRerunOnlyTheSignatureIsCheckedAndTheOutputSaysHowToRerun() {
        var r = verify(run);
        assertEquals(ExitCodes.OK, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("OK: signed by "), r.out());
        assertTrue(lines.get(1).startsWith("OK: in log glassbox.local/"), "eval logged the run: " + r.out());
        assertEquals("not re-run: add --rerun to re-run all 6 samples on the local engine and compare them bit for bit, or --sample K for K of them", lines.get(2));
    }

    @Test
    void rerunReproducesEverySampleBitForBit() {
        var r = verify(run, "--rerun", "-t", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("OK: signed by "), r.out());
        assertEquals("OK: re-ran 6 of 6 samples: all identical", lines.get(2));
    }

    @Test
    void sampleReRunsKSamplesAndPrintsTheSeedThatRepeatsTheChoice() {
        var r = verify(run, "--sample", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.out() + r.err());
        Matcher m = Pattern.compile("OK: re-ran 2 of 6 samples \\(seed (-?\\d+)\\): all identical").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(r.err().contains("repeat with --sample 2 --sample-seed " + m.group(1)), r.err());

        var seeded = verify(run, "--sample", "2", "--sample-seed", "123");
        assertEquals(ExitCodes.OK, seeded.exitCode(), seeded.out() + seeded.err());
        assertTrue(seeded.out().contains("OK: re-ran 2 of 6 samples (seed 123): all identical"), seeded.out());
    }

    @Test
    void anEditedLogprobThatIsSignedAgainIsNamedByTheRerun() throws IOException {
        Path dir = copy(run, tmp.resolve("dishonest"));
        Path file = dir.resolve("samples_arc_easy.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"logprob\":(-?[0-9.E-]+)").matcher(lines.get(1));
        assertTrue(m.find(), lines.get(1));
        String original = m.group(1);
        String doc = lines.get(1).replaceAll(".*\"doc\":\"([^\"]+)\".*", "$1");
        lines.set(1, lines.get(1).substring(0, m.start(1)) + "-0.125" + lines.get(1).substring(m.end(1)));
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.VERIFY_FAILED, verify(dir).exitCode(), "the edit breaks the old signature");
        assertEquals(ExitCodes.OK, CliTest.run("attest", dir.toString()).exitCode());

        var signatureOnly = verify(dir);
        assertEquals(ExitCodes.OK, signatureOnly.exitCode(), "a dishonest signer's own signature is valid: " + signatureOnly.out());
        var r = verify(dir, "--rerun");
        assertEquals(ExitCodes.VERIFY_FAILED, r.exitCode(), r.out() + r.err());
        List<String> out = r.out().lines().toList();
        assertTrue(out.getFirst().startsWith("OK: signed by "), r.out());
        assertTrue(out.get(1).startsWith("not in the log "), "the re-signed run is not the one eval logged: " + r.out());
        assertEquals("FAILED: sample arc_easy doc 1 (" + doc + ") differs at responses[0].logprob: attested -0.125, re-run " + original, out.get(2));
        assertEquals("FAILED: re-ran 6 of 6 samples: 1 differ from the attested records", out.get(3));
    }

    @Test
    void aModelFileWithAnotherDigestIsRefused() {
        String other = Shared.model("stories260K-Q8_0-ffndownF32.gguf").toString();
        var r = verify(run, "--rerun", "--model", other);
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("OK: signed by "), r.out());
        assertTrue(r.err().contains("model file " + other + " has SHA-256 ") && r.err().contains("it is not the model the run evaluated"), r.err());
    }

    @Test
    void aMovedModelFileIsFoundWithModel() throws IOException {
        Path copy = Files.copy(Shared.model("stories260K.gguf"), Files.createDirectories(tmp.resolve("models")).resolve("stories260K.gguf"));
        Path dir = tmp.resolve("moved");
        assertEquals(0, eval(copy.toString(), dir, "arc_easy", "2").exitCode());
        Files.delete(copy);
        var missing = verify(dir, "--rerun");
        assertEquals(ExitCodes.INVALID_INPUT, missing.exitCode(), missing.out() + missing.err());
        assertTrue(missing.err().contains("the run's model file " + copy + " no longer exists; pass --model PATH"), missing.err());
        var found = verify(dir, "--rerun", "--model", CliTest.stories());
        assertEquals(ExitCodes.OK, found.exitCode(), found.out() + found.err());
        assertTrue(found.out().contains("OK: re-ran 2 of 2 samples: all identical"), found.out());
    }

    @Test
    void aRemoteBackendsRunIsNotReRunAndRerunIsRefusedWithTheReason() throws Exception {
        Path dir = tmp.resolve("remote");
        try (var engine = Engine.load(Shared.model("stories260K.gguf"), new EngineOptions(1, 256, 64));
                var server = OpenAiTestServer.start(engine, OpenAiTestServer.Behaviour.normal())) {
            var eval = CliTest.run("eval", "--endpoint", server.baseUrl().toString(), "--model-name", "stories260K", "--tokenizer", CliTest.stories(),
                    "--tasks", "arc_easy", "--limit", "2", "--out", dir.toString(), "--no-progress", "--data", Shared.root().resolve("datasets").toString());
            assertEquals(0, eval.exitCode(), eval.err());
        }
        var plain = verify(dir);
        assertEquals(ExitCodes.OK, plain.exitCode(), plain.out() + plain.err());
        assertTrue(plain.out().contains("not re-run: the run was evaluated on an OpenAI-compatible endpoint"), plain.out());
        var r = verify(dir, "--rerun");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("OK: signed by "), r.out());
        assertTrue(r.err().contains("cannot re-run: ") && r.err().contains("a remote server's answers cannot be recomputed bit for bit"), r.err());
    }

    @Test
    void aSampleSeedNeedsASampleCount() {
        var r = verify(run, "--sample-seed", "5");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--sample-seed needs --sample K"), r.err());
    }

    private static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (var files = Files.list(from)) {
                for (Path p : files.toList()) Files.copy(p, to.resolve(p.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
