package ai.glassbox.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to evaluate and where to record it.
 *
 * @param tasks task and group names ({@code arc_easy}, {@code mmlu}, ...)
 * @param limit evaluate only the first N documents of each task
 * @param numFewshot few-shot examples for every task; empty means each task's default
 * @param outDir the run directory; re-running with the same options continues an interrupted run
 * @param samplesPerBatch documents sent to the model in one call (and forced to disk together)
 * @param settings backend settings recorded in the manifest (concurrency, endpoints, threads, ...)
 */
public record EvalOptions(List<String> tasks, OptionalInt limit, OptionalInt numFewshot, Path outDir, int samplesPerBatch, Map<String, String> settings) {
    public EvalOptions {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(numFewshot, "numFewshot");
        Objects.requireNonNull(outDir, "outDir");
        if (limit.isPresent() && limit.getAsInt() < 1) throw new IllegalArgumentException("limit must be at least 1, is " + limit.getAsInt());
        if (numFewshot.isPresent() && numFewshot.getAsInt() < 0) throw new IllegalArgumentException("num-fewshot must be >= 0, is " + numFewshot.getAsInt());
        if (samplesPerBatch < 1) throw new IllegalArgumentException("samples per batch must be at least 1, is " + samplesPerBatch);
        settings = Map.copyOf(settings);
    }

    public static EvalOptions of(List<String> tasks, Path outDir) {
        return new EvalOptions(tasks, OptionalInt.empty(), OptionalInt.empty(), outDir, 16, Map.of());
    }

    public EvalOptions withLimit(int n) {
        return new EvalOptions(tasks, OptionalInt.of(n), numFewshot, outDir, samplesPerBatch, settings);
    }

    public EvalOptions withNumFewshot(int k) {
        return new EvalOptions(tasks, limit, OptionalInt.of(k), outDir, samplesPerBatch, settings);
    }

    public EvalOptions withSamplesPerBatch(int n) {
        return new EvalOptions(tasks, limit, numFewshot, outDir, n, settings);
    }

    public EvalOptions withSettings(Map<String, String> s) {
        return new EvalOptions(tasks, limit, numFewshot, outDir, samplesPerBatch, s);
    }
}
