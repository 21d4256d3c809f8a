package ai.glassbox.eval.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.EvalException;
import ai.glassbox.eval.backend.LocalEngineModel;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on the real engine with the stories260K model: byte-stable records, resumption after crashes, refused mismatches. */
class EvalRunTest {
    static final EngineOptions ENGINE = new EngineOptions(1, 256, 64);
    static final List<String> TASKS = List.of("arc_easy", "winogrande", "truthfulqa_mc2", "gsm8k");
    static final int LIMIT = 4;
    private static final Path MODEL = Shared.model("stories260K.gguf");
    private static final TaskData DATA = TaskData.fromDirectory(Shared.root().resolve("datasets"));

    @TempDir
    static Path tmp;

    static Path reference;

    static EvalOptions options(Path out, int limit, List<String> tasks) {
        return new EvalOptions(tasks, OptionalInt.of(limit), OptionalInt.empty(), out, 2, Map.of("backend", "local"));
    }

    private static EvalResults run(Path out, int limit) {
        try (var model = LocalEngineModel.open(MODEL, ENGINE)) {
            return EvalRun.run(model, DATA, options(out, limit, TASKS), ProgressListener.NONE);
        }
    }

    @BeforeAll
    static void uninterruptedRun() {
        reference = tmp.resolve("reference");
        run(reference, LIMIT);
    }

    @Test
    void recordsEverySampleWithRequestsResponsesAndMetrics() throws IOException {
        List<JsonNode> lines = SamplesFile.read(reference.resolve("samples_arc_easy.jsonl"));
        assertEquals(LIMIT, lines.size());
        JsonNode first = lines.getFirst();
        assertEquals(0, first.get("doc_id").asInt());
        assertEquals("Mercury_417466", first.get("doc").asText());
        assertEquals(4, first.get("requests").size());
        assertEquals("loglikelihood", first.get("requests").get(0).get("type").asText());
        JsonNode response = first.get("responses").get(0);
        double sum = 0;
        for (JsonNode t : response.get("tokens")) sum += t.get("logprob").asDouble();
        assertEquals(response.get("logprob").asDouble(), sum, 0.0);
        assertTrue(first.get("metrics").has("acc,none") && first.get("metrics").has("acc_norm,none"));

        JsonNode results = new ObjectMapper().readTree(reference.resolve("results.json").toFile());
        JsonNode arc = results.get("results").get("arc_easy");
        double mean = lines.stream().mapToDouble(l -> l.get("metrics").get("acc,none").asDouble()).sum() / LIMIT;
        assertEquals(mean, arc.get("acc,none").asDouble(), 1e-12);
        assertTrue(arc.has("acc_stderr,none"));
        assertEquals(LIMIT, results.get("n-samples").get("arc_easy").get("effective").asInt());
        assertEquals(2376, results.get("n-samples").get("arc_easy").get("original").asInt());
        assertEquals("3.0", results.get("versions").get("gsm8k").asText());
        assertTrue(results.get("results").get("gsm8k").has("exact_match,flexible-extract"));
        JsonNode manifest = new ObjectMapper().readTree(reference.resolve("manifest.json").toFile());
        assertEquals(TaskData.PINNED.get("arc_easy.jsonl"), manifest.get("tasks").get("arc_easy").get("dataset_sha256").asText());
        assertEquals(64, manifest.get("model").get("properties").get("sha256").asText().length());
    }

    @Test
    void twoRunsGiveByteIdenticalFiles() throws IOException {
        Path again = tmp.resolve("again");
        run(again, LIMIT);
        assertSameFiles(reference, again);
    }

    @Test
    void resumesAfterATornWriteWithoutRecomputingFinishedSamples() throws IOException {
        Path dir = copy(reference, tmp.resolve("torn"));
        Path file = dir.resolve("samples_winogrande.jsonl");
        long size = Files.size(file);
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size - 17);
        }
        Files.delete(dir.resolve("samples_gsm8k.jsonl"));
        Files.delete(dir.resolve("results.json"));
        List<Integer> started = new ArrayList<>();
        try (var model = LocalEngineModel.open(MODEL, ENGINE)) {
            EvalRun.run(model, DATA, options(dir, LIMIT, TASKS), new ProgressListener() {
                @Override
                public void taskStarted(String task, int total, int done) {
                    started.add(done);
                }
            });
        }
        assertEquals(List.of(LIMIT, LIMIT - 1, LIMIT, 0), started);
        assertSameFiles(reference, dir);
    }

    @Test
    void killNineAtAnyMomentThenResumingGivesTheSameFiles() throws Exception {
        for (int linesBeforeKill : new int[] {1, 7}) {
            Path dir = tmp.resolve("killed-" + linesBeforeKill);
            Process child = new ProcessBuilder(Stream.concat(Stream.of(java(), "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                                    EvalRunMain.class.getName(), MODEL.toString(), DATA.directory().toString(), dir.toString(), Integer.toString(LIMIT)), TASKS.stream()).toList())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (linesWritten(dir) < linesBeforeKill && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
            child.destroyForcibly().waitFor();
            assertTrue(linesWritten(dir) >= linesBeforeKill, "the child wrote " + linesWritten(dir) + " lines");
            run(dir, LIMIT);
            assertSameFiles(reference, dir);
        }
    }

    @Test
    void continuesWithTheModelFileMovedElsewhereAndKeepsTheRecordedPath() throws IOException {
        Path dir = copy(reference, tmp.resolve("moved"));
        Files.delete(dir.resolve("samples_gsm8k.jsonl"));
        Files.delete(dir.resolve("results.json"));
        // the same file name (the manifest's model name) in another directory
        Path moved = Files.copy(MODEL, Files.createDirectories(tmp.resolve("elsewhere")).resolve(MODEL.getFileName()));
        try (var model = LocalEngineModel.open(moved, ENGINE)) {
            assertEquals(moved.toAbsolutePath().normalize().toString(), model.identity().properties().get("path"));
            EvalRun.run(model, DATA, options(dir, LIMIT, TASKS), ProgressListener.NONE);
        }
        assertSameFiles(reference, dir);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals(MODEL.toAbsolutePath().normalize().toString(), manifest.get("model").get("properties").get("path").asText());
    }

    @Test
    void refusesADirectoryHoldingADifferentRun() {
        Path dir = copy(reference, tmp.resolve("other"));
        var e = assertThrows(EvalException.class, () -> run(dir, LIMIT + 1));
        assertTrue(e.getMessage().contains("holds a different run") && e.getMessage().contains("/limit"), e.getMessage());
    }

    private static long linesWritten(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        long n = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("samples_")).toList()) {
                n += new String(Files.readAllBytes(p)).chars().filter(c -> c == '\n').count();
            }
        }
        return n;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (var files = Files.list(from)) {
                for (Path p : files.toList()) Files.copy(p, to.resolve(p.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<String> names;
        try (var files = Files.list(expected)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (var files = Files.list(actual)) {
            assertEquals(names, files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String n : names) {
            String e = Files.readString(expected.resolve(n)), a = Files.readString(actual.resolve(n));
            if (n.equals("manifest.json") || n.equals("results.json")) {
                e = e.replace(expected.toString(), "DIR");
                a = a.replace(actual.toString(), "DIR");
            }
            assertArrayEquals(e.getBytes(), a.getBytes(), n + " differs");
        }
    }
}
