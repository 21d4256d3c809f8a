package ai.glassbox.eval.task;

import ai.glassbox.eval.request.Response;
import java.util.List;
import java.util.Map;

/**
 * A benchmark task as lm-evaluation-harness defines it: how each document becomes requests and
 * how the answers are scored. Implementations are immutable.
 */
public sealed interface Task permits MultipleChoiceTask, GenerativeTask, LlamaCppHellaswag {
    /** The harness's task name, e.g. {@code arc_easy} or {@code mmlu_anatomy}. */
    String name();

    /** The harness's task version ({@code metadata.version}); it changes whenever prompts or scoring change. */
    String version();

    /** The dataset file the documents come from. */
    String datasetFile();

    /** Every dataset file the task reads: its documents' and its few-shot examples'. */
    List<String> dataFiles();

    /** Few-shot examples used when the run does not choose. */
    int defaultFewshot();

    /** Whether the dataset files provide examples for {@code k} shots. */
    boolean supportsFewshot(int k);

    /**
     * Renders every document into requests, in document order. Few-shot examples that the
     * harness draws at random are drawn in this order too, so the result does not depend on
     * which samples a run later evaluates.
     *
     * @throws DatasetException if a document is malformed
     */
    List<Sample> samples(TaskData data, int numFewshot);

    /** Scores one sample from the responses to its requests. */
    SampleScore score(Sample sample, List<Response> responses);

    /** The metric keys {@link #score} produces, in order, each with whether higher is better. */
    Map<String, Boolean> metrics();

    /** The settings written to {@code results.json}'s {@code configs}, as in the task's YAML. */
    Map<String, Object> config(int numFewshot);
}
