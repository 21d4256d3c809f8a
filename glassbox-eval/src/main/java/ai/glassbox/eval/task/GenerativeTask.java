package ai.glassbox.eval.task;

import ai.glassbox.eval.filter.FilterPipeline;
import ai.glassbox.eval.metric.ExactMatch;
import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.GenerationResponse;
import ai.glassbox.eval.request.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * lm-evaluation-harness's {@code output_type: generate_until} scored by {@code exact_match} after
 * each named filter pipeline (GSM8K's {@code strict-match} and {@code flexible-extract}).
 *
 * <p>The context is {@code fewshot_1 + "\n\n" + ... + "\n\n" + doc_to_text(doc)}, where an example
 * reads {@code doc_to_text(ex) + " " + doc_to_target(ex)}; generation is greedy until a stop
 * sequence or {@code maxTokens}.
 */
public final class GenerativeTask implements Task {
    /**
     * @param text {@code doc_to_text}
     * @param target {@code doc_to_target} of an evaluated document (the reference answer)
     * @param exampleTarget {@code doc_to_target} of a few-shot example
     */
    public record Format(Function<Doc, String> text, Function<Doc, String> target, Function<Doc, String> exampleTarget) {}

    private final String name;
    private final String version;
    private final String datasetFile;
    private final Format format;
    private final Fewshot fewshot;
    private final int defaultFewshot;
    private final List<String> until;
    private final int maxTokens;
    private final List<FilterPipeline> filters;
    private final ExactMatch exactMatch;

    GenerativeTask(String name, String version, String datasetFile, Format format, Fewshot fewshot, int defaultFewshot, List<String> until, int maxTokens, List<FilterPipeline> filters, ExactMatch exactMatch) {
        this.name = name;
        this.version = version;
        this.datasetFile = datasetFile;
        this.format = format;
        this.fewshot = fewshot;
        this.defaultFewshot = defaultFewshot;
        this.until = List.copyOf(until);
        this.maxTokens = maxTokens;
        this.filters = List.copyOf(filters);
        this.exactMatch = exactMatch;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String datasetFile() {
        return datasetFile;
    }

    @Override
    public List<String> dataFiles() {
        return Fewshot.dataFiles(datasetFile, fewshot);
    }

    @Override
    public int defaultFewshot() {
        return defaultFewshot;
    }

    @Override
    public boolean supportsFewshot(int k) {
        return k == 0 || !(fewshot instanceof Fewshot.None);
    }

    @Override
    public List<Sample> samples(TaskData data, int numFewshot) {
        Fewshot.Sampler sampler = Fewshot.sampler(fewshot, data, numFewshot, name);
        List<Doc> docs = data.docs(datasetFile);
        List<Sample> out = new ArrayList<>(docs.size());
        for (Doc doc : docs) {
            StringBuilder context = new StringBuilder();
            if (numFewshot > 0) {
                for (Doc ex : sampler.next(numFewshot)) {
                    context.append(format.text().apply(ex)).append(MultipleChoiceTask.TARGET_DELIMITER).append(format.exampleTarget().apply(ex)).append(MultipleChoiceTask.FEWSHOT_DELIMITER);
                }
            }
            context.append(format.text().apply(doc));
            format.target().apply(doc);
            out.add(new Sample(doc, List.of(new GenerateUntil(context.toString(), until, maxTokens))));
        }
        return out;
    }

    @Override
    public SampleScore score(Sample sample, List<Response> responses) {
        if (responses.size() != 1 || !(responses.getFirst() instanceof GenerationResponse r)) {
            throw new IllegalArgumentException("expected one generation for " + sample.doc().id() + ", got " + responses);
        }
        String reference = format.target().apply(sample.doc());
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (FilterPipeline f : filters) {
            String answer = f.apply(r.text());
            answers.put(f.name(), answer);
            metrics.put("exact_match," + f.name(), exactMatch.score(answer, reference));
        }
        return new SampleScore(reference, answers, metrics);
    }

    @Override
    public Map<String, Boolean> metrics() {
        var m = new LinkedHashMap<String, Boolean>();
        for (FilterPipeline f : filters) m.put("exact_match," + f.name(), true);
        return m;
    }

    @Override
    public Map<String, Object> config(int numFewshot) {
        var c = new LinkedHashMap<String, Object>();
        c.put("task", name);
        c.put("output_type", "generate_until");
        c.put("target_delimiter", MultipleChoiceTask.TARGET_DELIMITER);
        c.put("fewshot_delimiter", MultipleChoiceTask.FEWSHOT_DELIMITER);
        c.put("num_fewshot", numFewshot);
        c.put("dataset_file", datasetFile);
        c.put("generation_kwargs", Map.of("until", until, "max_gen_toks", maxTokens, "do_sample", false, "temperature", 0.0));
        c.put("filter_list", filters.stream().map(FilterPipeline::name).toList());
        c.put("metric_list", List.of(Map.of("metric", "exact_match", "ignore_case", exactMatch.ignoreCase(), "ignore_punctuation", exactMatch.ignorePunctuation(), "regexes_to_ignore", exactMatch.regexesToIgnore())));
        c.put("metadata", Map.of("version", version));
        return c;
    }
}
