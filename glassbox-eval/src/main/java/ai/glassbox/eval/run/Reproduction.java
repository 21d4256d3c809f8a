package ai.glassbox.eval.run;

import ai.glassbox.engine.FileDigest;
import ai.glassbox.eval.EvalException;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.ModelIdentity;
import ai.glassbox.eval.task.Task;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.eval.task.Tasks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Re-runs samples of a finished local-engine run and checks that each one's record is the
 * recorded line, byte for byte. The engine gives the same logits for the same weights and inputs
 * on any machine, thread count and batch size, so a sample that re-runs differently was not
 * produced by the attested model on the attested data.
 *
 * <p>The samples are planned as {@link EvalRun} planned them — the manifest's tasks, few-shot
 * counts and limit — and the plan must give the manifest's request-set hashes, so the re-run asks
 * the model exactly what the run asked. Nothing in the run directory is written. Not thread-safe.
 */
public final class Reproduction {
    /** The backend of local-engine runs ({@link ModelIdentity#backend()}). */
    private static final String LOCAL = "local";

    private final Path runDir;
    private final JsonNode manifest;
    private final Map<String, TaskRecord> tasks;

    /** What the manifest says about one task. */
    private record TaskRecord(String name, String version, String datasetFile, String datasetSha256, int numFewshot, int samples, String requestSetSha256) {}

    /**
     * One sample of a run.
     *
     * @param task the task's name
     * @param docId the sample's {@code doc_id}: its line in {@code samples_TASK.jsonl}, from 0
     */
    public record SampleId(String task, int docId) {}

    /**
     * A re-run sample whose record is not the recorded one.
     *
     * @param doc the document's id in the dataset
     * @param field where the records first differ, e.g. {@code responses[1].logprob}; empty when
     *     the values agree and only the line's bytes differ (spacing, field order, number spelling)
     * @param recorded the recorded value there, as JSON text, or {@code missing}
     * @param rerun the re-run's value there, as JSON text, or {@code missing}
     */
    public record Difference(String task, int docId, String doc, String field, String recorded, String rerun) {}

    /**
     * What a re-run found.
     *
     * @param checked samples re-run
     * @param total samples in the run
     * @param differences the re-run samples whose record differs, in run order
     */
    public record Outcome(int checked, int total, List<Difference> differences) {
        public Outcome {
            differences = List.copyOf(differences);
        }

        public boolean identical() {
            return differences.isEmpty();
        }
    }

    private Reproduction(Path runDir, JsonNode manifest, Map<String, TaskRecord> tasks) {
        this.runDir = runDir;
        this.manifest = manifest;
        this.tasks = tasks;
    }

    /**
     * Reads the run in {@code runDir}: its {@code manifest.json} now, its samples files when they are checked.
     *
     * @throws EvalException if there is no readable manifest of a known format
     */
    public static Reproduction of(Path runDir) {
        Path file = runDir.resolve(Manifest.FILE);
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new EvalException(file + " is missing or not JSON: is " + runDir + " a run directory?", e);
        }
        if (!"glassbox-eval-run/1".equals(m.path("format").asText())) throw new EvalException(file + ": /format is " + m.path("format") + ", expected \"glassbox-eval-run/1\"");
        Map<String, TaskRecord> tasks = new LinkedHashMap<>();
        for (var e : m.path("tasks").properties()) {
            JsonNode t = e.getValue();
            tasks.put(e.getKey(), new TaskRecord(e.getKey(), t.path("version").asText(), t.path("dataset_file").asText(), t.path("dataset_sha256").asText(),
                    t.path("num_fewshot").asInt(), t.path("samples").asInt(), t.path("request_set_sha256").asText()));
        }
        if (tasks.isEmpty()) throw new EvalException(file + ": /tasks names no task");
        return new Reproduction(runDir, m, tasks);
    }

    /** Why the run cannot be re-run bit for bit, or empty when it can (a local-engine run). */
    public Optional<String> whyNotReproducible() {
        String backend = manifest.path("model").path("backend").asText();
        if (backend.equals(LOCAL)) return Optional.empty();
        if (backend.equals("openai")) {
            return Optional.of("the run was evaluated on an OpenAI-compatible endpoint (model " + modelName() + " at " + modelProperty("endpoints").orElse("?")
                    + "); a remote server's answers cannot be recomputed bit for bit, so its samples cannot be re-run");
        }
        return Optional.of("the run was evaluated on backend \"" + backend + "\", not the local engine, so its samples cannot be re-run bit for bit");
    }

    /** The task names of the run, in run order. */
    public List<String> tasks() {
        return List.copyOf(tasks.keySet());
    }

    /** The model's name in the manifest (a GGUF file name for the local engine). */
    public String modelName() {
        return manifest.path("model").path("name").asText();
    }

    /** The recorded engine version and kernels, or empty for a remote backend. */
    public Optional<String> engine() {
        return modelProperty("engine");
    }

    /** The context length the run's model was loaded with; a re-run must load it with the same. @throws EvalException if not recorded */
    public int contextLength() {
        String c = modelProperty("context_length").orElseThrow(() -> new EvalException(runDir.resolve(Manifest.FILE) + " records no /model/properties/context_length"));
        try {
            return Integer.parseInt(c);
        } catch (NumberFormatException e) {
            throw new EvalException(runDir.resolve(Manifest.FILE) + ": /model/properties/context_length is \"" + c + "\", not a number");
        }
    }

    /** Samples in the run, over all tasks. */
    public int sampleCount() {
        return tasks.values().stream().mapToInt(TaskRecord::samples).sum();
    }

    /** Every sample of the run, in run order. */
    public List<SampleId> allSamples() {
        List<SampleId> out = new ArrayList<>();
        for (TaskRecord t : tasks.values()) for (int i = 0; i < t.samples(); i++) out.add(new SampleId(t.name(), i));
        return out;
    }

    /**
     * {@code count} samples drawn uniformly without replacement, in run order; all of them when the
     * run has no more. The draw uses {@link Random}, whose algorithm its Javadoc fixes, so a seed
     * chooses the same samples on every JDK.
     */
    public List<SampleId> chooseSamples(int count, long seed) {
        if (count < 1) throw new IllegalArgumentException("the number of samples to re-run must be at least 1, is " + count);
        List<SampleId> all = allSamples();
        if (count >= all.size()) return all;
        int[] order = new int[all.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = Arrays.copyOf(order, count);
        Arrays.sort(chosen);
        return Arrays.stream(chosen).mapToObj(all::get).toList();
    }

    /**
     * The model file the run recorded, if it is still there.
     *
     * @throws EvalException if the run records no path or the file is gone
     */
    public Path modelFile() {
        requireReproducible();
        Optional<String> recorded = modelProperty(Manifest.MODEL_PATH);
        if (recorded.isEmpty()) throw new EvalException("the run does not record where its model file was; pass --model PATH (the file with SHA-256 " + modelSha256() + ")");
        Path p = Path.of(recorded.get());
        if (!Files.isRegularFile(p)) throw new EvalException("the run's model file " + p + " no longer exists; pass --model PATH (the file with SHA-256 " + modelSha256() + ")");
        return p;
    }

    /**
     * Checks that {@code file} is the run's model, by its SHA-256.
     *
     * @return {@code file}
     * @throws EvalException if its digest is not the recorded one
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public Path checkModelFile(Path file) {
        requireReproducible();
        String digest = FileDigest.sha256(file);
        if (!digest.equals(modelSha256())) {
            throw new EvalException("model file " + file + " has SHA-256 " + digest + ", but the run attests " + modelName() + " with SHA-256 " + modelSha256() + ": it is not the model the run evaluated");
        }
        return file;
    }

    /**
     * Re-runs {@code samples} on {@code model} with the documents of {@code data}, and compares each
     * line with the recorded one.
     *
     * @param model the local engine on the run's model file, loaded with {@link #contextLength()}
     * @param data the datasets; each task's file must have the recorded SHA-256
     * @param samples samples of this run, e.g. from {@link #chooseSamples}
     * @throws EvalException if the run is not reproducible, the model or data is not the recorded
     *     one, a task's requests are no longer the recorded ones, or a samples file does not hold
     *     the recorded number of lines
     */
    public Outcome check(LanguageModel model, TaskData data, List<SampleId> samples, ProgressListener progress) {
        requireReproducible();
        requireRecordedModel(model.identity());
        Map<String, List<Integer>> byTask = new LinkedHashMap<>();
        for (String t : tasks.keySet()) byTask.put(t, new ArrayList<>());
        for (SampleId s : samples) {
            TaskRecord t = tasks.get(s.task());
            if (t == null) throw new IllegalArgumentException("the run has no task " + s.task() + "; it has " + tasks.keySet());
            if (s.docId() < 0 || s.docId() >= t.samples()) throw new IllegalArgumentException(s.task() + " has samples 0 to " + (t.samples() - 1) + ", not " + s.docId());
            byTask.get(s.task()).add(s.docId());
        }
        List<Difference> differences = new ArrayList<>();
        int checked = 0;
        for (var e : byTask.entrySet()) {
            List<Integer> ids = e.getValue().stream().distinct().sorted().toList();
            if (ids.isEmpty()) continue;
            differences.addAll(checkTask(model, plan(tasks.get(e.getKey()), data), ids, progress));
            checked += ids.size();
        }
        return new Outcome(checked, sampleCount(), differences);
    }

    private List<Difference> checkTask(LanguageModel model, EvalRun.PlannedTask p, List<Integer> ids, ProgressListener progress) {
        String name = p.task().name();
        List<byte[]> recorded = lines(name, p.samples().size());
        String metric = p.task().metrics().keySet().iterator().next();
        int batchSize = Math.max(1, manifest.path("settings").path("samples_per_batch").asInt(16));
        List<Difference> out = new ArrayList<>();
        double sum = 0;
        progress.taskStarted(name, ids.size(), 0);
        for (int start = 0; start < ids.size(); start += batchSize) {
            List<Integer> batch = ids.subList(start, Math.min(ids.size(), start + batchSize));
            List<ObjectNode> lines = EvalRun.evaluate(model, p, batch);
            for (int i = 0; i < batch.size(); i++) {
                int id = batch.get(i);
                byte[] rerun = SamplesFile.text(lines.get(i)).getBytes(StandardCharsets.UTF_8);
                if (!SampleDigest.sha256(rerun).equals(SampleDigest.sha256(recorded.get(id)))) out.add(difference(p, id, recorded.get(id), lines.get(i)));
                sum += SampleRecord.metrics(lines.get(i)).getOrDefault(metric, 0.0);
            }
            int done = start + batch.size();
            progress.samplesDone(name, done, ids.size(), metric, sum / done);
        }
        progress.taskFinished(name);
        return out;
    }

    /** Plans the task as the run did, refusing it where the plan cannot be the run's. */
    private EvalRun.PlannedTask plan(TaskRecord t, TaskData data) {
        Task task = Tasks.task(t.name());
        if (!task.version().equals(t.version())) {
            throw new EvalException(t.name() + " was run at version " + t.version() + ", this Glassbox defines version " + task.version() + ": its prompts or scoring changed, so it cannot be re-run");
        }
        String digest = data.sha256(t.datasetFile());
        if (!digest.equals(t.datasetSha256())) {
            throw new EvalException("dataset file " + data.directory().resolve(t.datasetFile()) + " has SHA-256 " + digest + ", but the run attests " + t.datasetSha256() + ": it is not the data " + t.name() + " ran on");
        }
        JsonNode limit = manifest.path("limit");
        EvalRun.PlannedTask p = EvalRun.plan(task, t.numFewshot(), limit.isInt() ? OptionalInt.of(limit.asInt()) : OptionalInt.empty(), data);
        if (p.samples().size() != t.samples()) throw new EvalException(t.name() + " plans " + p.samples().size() + " samples now, the run recorded " + t.samples());
        if (!p.requestSetSha256().equals(t.requestSetSha256())) {
            throw new EvalException(t.name() + "'s requests are not the recorded ones: request set SHA-256 " + p.requestSetSha256() + ", the run recorded " + t.requestSetSha256());
        }
        return p;
    }

    /** The recorded lines of a task's samples file, without their newlines. */
    private List<byte[]> lines(String task, int expected) {
        Path file = EvalRun.samplesFile(runDir, task);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EvalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<byte[]> out = new ArrayList<>(expected);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') continue;
            out.add(Arrays.copyOfRange(bytes, start, i));
            start = i + 1;
        }
        if (start != bytes.length) throw new EvalException(file + " ends in a line without a newline at byte " + start + ": the run is unfinished");
        if (out.size() != expected) throw new EvalException(file + " holds " + out.size() + " samples, the manifest records " + expected);
        return out;
    }

    private Difference difference(EvalRun.PlannedTask p, int id, byte[] recorded, ObjectNode rerun) {
        String doc = p.samples().get(id).doc().id();
        JsonNode old;
        try {
            old = Json.MAPPER.readTree(recorded);
        } catch (IOException e) {
            return new Difference(p.task().name(), id, doc, "", "a line that is not JSON", "a record");
        }
        return RecordDiff.first(old, rerun)
                .map(d -> new Difference(p.task().name(), id, doc, d.field(), d.left(), d.right()))
                .orElseGet(() -> new Difference(p.task().name(), id, doc, "", RecordDiff.shorten(new String(recorded, StandardCharsets.UTF_8)), RecordDiff.shorten(SamplesFile.text(rerun))));
    }

    private void requireReproducible() {
        whyNotReproducible().ifPresent(why -> {
            throw new EvalException(why);
        });
    }

    private void requireRecordedModel(ModelIdentity id) {
        if (!LOCAL.equals(id.backend())) throw new EvalException("a re-run needs the local engine, not backend " + id.backend());
        String sha = id.properties().getOrDefault("sha256", "");
        if (!sha.equals(modelSha256())) throw new EvalException("the model has SHA-256 " + sha + ", but the run attests " + modelSha256() + ": it is not the model the run evaluated");
        String ctx = id.properties().getOrDefault("context_length", "");
        if (!ctx.equals(Integer.toString(contextLength()))) throw new EvalException("the model is loaded with context length " + ctx + ", the run used " + contextLength() + ", which decides where long prompts are cut");
    }

    private String modelSha256() {
        return modelProperty("sha256").orElseThrow(() -> new EvalException(runDir.resolve(Manifest.FILE) + " records no /model/properties/sha256"));
    }

    private Optional<String> modelProperty(String key) {
        JsonNode v = manifest.path("model").path("properties").path(key);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
