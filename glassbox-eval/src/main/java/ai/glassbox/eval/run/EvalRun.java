package ai.glassbox.eval.run;

import ai.glassbox.eval.EvalException;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import ai.glassbox.eval.task.DatasetException;
import ai.glassbox.eval.task.Sample;
import ai.glassbox.eval.task.Task;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.eval.task.Tasks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Runs tasks against a model and records everything in a run directory:
 * {@code manifest.json} (what was run, with digests), {@code samples_TASK.jsonl} (every sample)
 * and {@code results.json} (the harness's result schema).
 *
 * <p>Resumable: samples are forced to disk in batches as they finish, and running the same
 * options on the same directory again continues where the last run stopped — after a crash or
 * {@code kill -9} as well — and ends with the same files as an uninterrupted run. A directory
 * holding a different run (other model, data, tasks or settings) is refused.
 */
public final class EvalRun {
    private final LanguageModel model;
    private final TaskData data;
    private final EvalOptions options;
    private final ProgressListener progress;

    private EvalRun(LanguageModel model, TaskData data, EvalOptions options, ProgressListener progress) {
        this.model = model;
        this.data = data;
        this.options = options;
        this.progress = progress;
    }

    /** Planned work of one task: its samples (after the limit) and its full request set. */
    record PlannedTask(Task task, int numFewshot, List<Sample> samples, int originalSize, String requestSetSha256) {}

    /**
     * Runs (or continues) an evaluation and writes {@code results.json}.
     *
     * @throws EvalException if a task is unknown, the data is not the pinned data, or the
     *     directory holds a different run
     */
    public static EvalResults run(LanguageModel model, TaskData data, EvalOptions options, ProgressListener progress) {
        return new EvalRun(model, data, options, progress).run();
    }

    private EvalResults run() {
        List<PlannedTask> plan = plan();
        ObjectNode manifest = Manifest.create(model.identity(), data, options, plan);
        try {
            Files.createDirectories(options.outDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + options.outDir(), e);
        }
        ObjectNode recorded = Manifest.writeOrCheck(options.outDir(), manifest);
        for (PlannedTask p : plan) runTask(p);
        return Results.write(options.outDir(), plan, recorded);
    }

    private List<PlannedTask> plan() {
        List<PlannedTask> plan = new ArrayList<>();
        for (Task t : Tasks.resolve(options.tasks())) plan.add(plan(t, options.numFewshot().orElse(t.defaultFewshot()), options.limit(), data));
        return plan;
    }

    /**
     * The samples a run of {@code task} with {@code numFewshot} shots evaluates: the first
     * {@code limit} documents (all when empty), rendered from {@code data}, with their request set's hash.
     */
    static PlannedTask plan(Task task, int numFewshot, OptionalInt limit, TaskData data) {
        if (!task.supportsFewshot(numFewshot)) throw new DatasetException(task.name() + " has no few-shot examples in the dataset files; run it with --num-fewshot 0");
        List<Sample> all = task.samples(data, numFewshot);
        int n = Math.min(all.size(), limit.orElse(all.size()));
        List<Sample> samples = all.subList(0, n);
        return new PlannedTask(task, numFewshot, samples, all.size(), RequestSet.sha256(samples));
    }

    private void runTask(PlannedTask p) {
        Path file = samplesFile(options.outDir(), p.task().name());
        try (SamplesFile out = SamplesFile.open(file)) {
            List<JsonNode> done = out.existing();
            if (done.size() > p.samples().size()) throw new EvalException(file + " holds " + done.size() + " samples, more than the " + p.samples().size() + " this run has");
            String metric = p.task().metrics().keySet().iterator().next();
            double sum = 0;
            for (int i = 0; i < done.size(); i++) {
                String expected = p.samples().get(i).doc().id();
                if (!expected.equals(done.get(i).path("doc").asText())) throw new EvalException(file + " line " + (i + 1) + " is document " + done.get(i).path("doc").asText() + ", expected " + expected);
                sum += SampleRecord.metrics(done.get(i)).getOrDefault(metric, 0.0);
            }
            int total = p.samples().size();
            progress.taskStarted(p.task().name(), total, done.size());
            for (int start = done.size(); start < total; start += options.samplesPerBatch()) {
                int end = Math.min(total, start + options.samplesPerBatch());
                List<ObjectNode> lines = evaluate(model, p, IntStream.range(start, end).boxed().toList());
                for (ObjectNode line : lines) sum += SampleRecord.metrics(line).getOrDefault(metric, 0.0);
                out.append(lines);
                progress.samplesDone(p.task().name(), end, total, metric, sum / end);
            }
            progress.taskFinished(p.task().name());
        }
    }

    /**
     * Answers the samples at {@code docIds} of a planned task in one model call and scores them.
     *
     * @return their {@code samples_TASK.jsonl} lines, in the order of {@code docIds}
     * @throws EvalException if the model does not answer every request
     */
    static List<ObjectNode> evaluate(LanguageModel model, PlannedTask p, List<Integer> docIds) {
        List<Request> requests = new ArrayList<>();
        for (int id : docIds) requests.addAll(p.samples().get(id).requests());
        List<Response> responses = model.answer(requests);
        if (responses.size() != requests.size()) throw new EvalException("the model answered " + responses.size() + " of " + requests.size() + " requests");
        List<ObjectNode> lines = new ArrayList<>(docIds.size());
        int r = 0;
        for (int id : docIds) {
            Sample s = p.samples().get(id);
            List<Response> mine = responses.subList(r, r + s.requests().size());
            r += s.requests().size();
            lines.add(SampleRecord.encode(id, s, mine, p.task().score(s, mine)));
        }
        return lines;
    }

    static Path samplesFile(Path dir, String task) {
        return dir.resolve("samples_" + task + ".jsonl");
    }
}
