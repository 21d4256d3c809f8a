package ai.glassbox.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.EvalException;
import ai.glassbox.eval.backend.LocalEngineModel;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-runs samples of a real stories260K run: identical records pass, an edited record is named to the field. */
class ReproductionTest {
    private static final Path MODEL = Shared.model("stories260K.gguf");
    private static final TaskData DATA = TaskData.fromDirectory(Shared.root().resolve("datasets"));
    private static final List<String> TASKS = List.of("arc_easy", "winogrande");
    private static final int LIMIT = 3;

    @TempDir
    static Path tmp;

    static Path run;

    @BeforeAll
    static void evaluate() {
        run = tmp.resolve("run");
        try (var model = LocalEngineModel.open(MODEL, new EngineOptions(1, 256, 64))) {
            EvalRun.run(model, DATA, new EvalOptions(TASKS, OptionalInt.of(LIMIT), OptionalInt.empty(), run, 2, Map.of("backend", "local")), ProgressListener.NONE);
        }
    }

    /** The run's model loaded as a re-run loads it, with another thread count and batch size than the run's. */
    private static LocalEngineModel reload(Reproduction r, Path file) {
        return LocalEngineModel.open(file, new EngineOptions(2, r.contextLength(), 7));
    }

    @Test
    void everySampleReRunsToTheRecordedBytes() {
        Reproduction r = Reproduction.of(run);
        assertEquals(TASKS, r.tasks());
        assertEquals(2 * LIMIT, r.sampleCount());
        assertEquals(MODEL.toAbsolutePath().normalize(), r.modelFile());
        try (var model = reload(r, r.checkModelFile(r.modelFile()))) {
            Reproduction.Outcome o = r.check(model, DATA, r.allSamples(), ProgressListener.NONE);
            assertEquals(2 * LIMIT, o.checked());
            assertEquals(2 * LIMIT, o.total());
            assertTrue(o.identical(), o.differences().toString());
        }
    }

    @Test
    void aSeedChoosesTheSameSamplesEveryTime() {
        Reproduction r = Reproduction.of(run);
        List<Reproduction.SampleId> chosen = r.chooseSamples(2, 123);
        assertEquals(chosen, r.chooseSamples(2, 123));
        // java.util.Random's algorithm is specified, so this choice is fixed for seed 123
        assertEquals(List.of(new Reproduction.SampleId("arc_easy", 1), new Reproduction.SampleId("arc_easy", 2)), chosen);
        assertNotEquals(chosen, r.chooseSamples(2, 124));
        assertEquals(r.allSamples(), r.chooseSamples(100, 1), "asking for more samples than the run has re-runs them all");
        try (var model = reload(r, MODEL)) {
            Reproduction.Outcome o = r.check(model, DATA, chosen, ProgressListener.NONE);
            assertEquals(2, o.checked());
            assertTrue(o.identical(), o.differences().toString());
        }
    }

    @Test
    void anEditedLogprobIsNamedWithBothValues() throws IOException {
        Path edited = copy(run, tmp.resolve("edited"));
        Path file = edited.resolve("samples_arc_easy.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"logprob\":(-?[0-9.E-]+)").matcher(lines.get(1));
        assertTrue(m.find(), lines.get(1));
        String original = m.group(1);
        lines.set(1, lines.get(1).substring(0, m.start(1)) + "-0.125" + lines.get(1).substring(m.end(1)));
        Files.write(file, lines, StandardCharsets.UTF_8);

        Reproduction r = Reproduction.of(edited);
        try (var model = reload(r, MODEL)) {
            Reproduction.Outcome o = r.check(model, DATA, r.allSamples(), ProgressListener.NONE);
            assertEquals(List.of(new Reproduction.Difference("arc_easy", 1, lines.get(1).replaceAll(".*\"doc\":\"([^\"]+)\".*", "$1"), "responses[0].logprob", "-0.125", original)),
                    o.differences());
        }
    }

    @Test
    void anotherModelFileIsRefusedByItsDigest() {
        Reproduction r = Reproduction.of(run);
        Path other = Shared.model("stories260K-Q8_0-ffndownF32.gguf");
        var e = assertThrows(EvalException.class, () -> r.checkModelFile(other));
        assertTrue(e.getMessage().contains("is not the model the run evaluated") && e.getMessage().contains(other.toString()), e.getMessage());
        try (var model = reload(r, other)) {
            var loaded = assertThrows(EvalException.class, () -> r.check(model, DATA, r.allSamples(), ProgressListener.NONE));
            assertTrue(loaded.getMessage().contains("is not the model the run evaluated"), loaded.getMessage());
        }
    }

    @Test
    void aMissingModelFileAsksForOne() throws IOException {
        Path dir = copy(run, tmp.resolve("gone"));
        editManifest(dir, MODEL.toAbsolutePath().normalize().toString(), tmp.resolve("nowhere.gguf").toString());
        var e = assertThrows(EvalException.class, () -> Reproduction.of(dir).modelFile());
        assertTrue(e.getMessage().contains("no longer exists; pass --model PATH"), e.getMessage());
    }

    @Test
    void dataWithAnotherDigestThanTheRecordedOneIsRefused() throws IOException {
        Path dir = copy(run, tmp.resolve("other-data"));
        editManifest(dir, TaskData.PINNED.get("winogrande_dev.jsonl"), "0".repeat(64));
        Reproduction r = Reproduction.of(dir);
        try (var model = reload(r, MODEL)) {
            var e = assertThrows(EvalException.class, () -> r.check(model, DATA, r.allSamples(), ProgressListener.NONE));
            assertTrue(e.getMessage().contains("winogrande_dev.jsonl has SHA-256 " + TaskData.PINNED.get("winogrande_dev.jsonl")) && e.getMessage().contains("it is not the data winogrande ran on"), e.getMessage());
        }
    }

    @Test
    void aRemoteBackendsRunIsNotReproducible() throws IOException {
        Path dir = copy(run, tmp.resolve("remote"));
        editManifest(dir, "\"backend\" : \"local\"", "\"backend\" : \"openai\"");
        Reproduction r = Reproduction.of(dir);
        assertTrue(r.whyNotReproducible().orElseThrow().contains("cannot be recomputed bit for bit"), r.whyNotReproducible().toString());
        assertTrue(Reproduction.of(run).whyNotReproducible().isEmpty());
        var e = assertThrows(EvalException.class, r::modelFile);
        assertTrue(e.getMessage().contains("OpenAI-compatible endpoint"), e.getMessage());
    }

    @Test
    void aSampleDigestIsTheSha256OfTheLineWithoutItsNewline() throws IOException {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SampleDigest.sha256("abc"));
        String line = Files.readAllLines(run.resolve("samples_winogrande.jsonl"), StandardCharsets.UTF_8).getFirst();
        assertEquals(SampleDigest.sha256(line.getBytes(StandardCharsets.UTF_8)), SampleDigest.sha256(line));
        assertThrows(IllegalArgumentException.class, () -> SampleDigest.sha256(line + "\n"));
    }

    private static void editManifest(Path dir, String from, String to) throws IOException {
        Path file = dir.resolve("manifest.json");
        String text = Files.readString(file);
        assertTrue(text.contains(from), text);
        Files.writeString(file, text.replace(from, to));
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
