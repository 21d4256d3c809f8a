package ai.glassbox.eval.task;

import ai.glassbox.eval.metric.MultipleChoice;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * lm-evaluation-harness's {@code output_type: multiple_choice}: one loglikelihood request per
 * choice, {@code (context, target_delimiter + choice)}. With {@link Layout#CONTEXT_PER_CHOICE}
 * (WinoGrande's "partial evaluation") the choices vary the context instead and every request scores
 * the same continuation.
 *
 * <p>The context is {@code description + fewshot_1 + "\n\n" + ... + "\n\n" + doc_to_text(doc)}, where
 * an example reads {@code doc_to_text(ex) + " " + choices(ex)[gold(ex)]}.
 */
public final class MultipleChoiceTask implements Task {
    /** Where the choices go. */
    public enum Layout {
        /** {@code (context, " " + choice_i)}. */
        CHOICE_AS_CONTINUATION,
        /** {@code (fewshot + choice_i, " " + continuation(doc))}. */
        CONTEXT_PER_CHOICE
    }

    /** How the choices' log-likelihoods are scored. */
    public enum Scoring {
        /** {@code acc}. */
        ACC,
        /** {@code acc} and {@code acc_norm}. */
        ACC_AND_NORM,
        /** TruthfulQA's {@code acc} as the normalized probability mass of the true answers. */
        MC2
    }

    /**
     * How a document is rendered.
     *
     * @param text {@code doc_to_text}; under {@link Layout#CONTEXT_PER_CHOICE}, the continuation
     * @param choices {@code doc_to_choice}
     * @param gold {@code doc_to_target}, an index into the choices
     * @param description text before everything else, per document (MMLU names the subject)
     */
    public record Format(Function<Doc, String> text, Function<Doc, List<String>> choices, ToIntFunction<Doc> gold, Function<Doc, String> description) {
        public Format {
            Objects.requireNonNull(text);
            Objects.requireNonNull(choices);
            Objects.requireNonNull(gold);
            Objects.requireNonNull(description);
        }

        public Format(Function<Doc, String> text, Function<Doc, List<String>> choices, ToIntFunction<Doc> gold) {
            this(text, choices, gold, d -> "");
        }
    }

    static final String TARGET_DELIMITER = " ";
    static final String FEWSHOT_DELIMITER = "\n\n";

    private final String name;
    private final String version;
    private final String datasetFile;
    private final Format format;
    private final Layout layout;
    private final Scoring scoring;
    private final Fewshot fewshot;
    private final Map<String, Object> yaml;
    private final Predicate<Doc> docFilter;

    MultipleChoiceTask(String name, String version, String datasetFile, Format format, Layout layout, Scoring scoring, Fewshot fewshot, Map<String, Object> yaml) {
        this(name, version, datasetFile, format, layout, scoring, fewshot, yaml, d -> true);
    }

    private MultipleChoiceTask(String name, String version, String datasetFile, Format format, Layout layout, Scoring scoring, Fewshot fewshot, Map<String, Object> yaml, Predicate<Doc> docFilter) {
        this.docFilter = docFilter;
        this.name = name;
        this.version = version;
        this.datasetFile = datasetFile;
        this.format = format;
        this.layout = layout;
        this.scoring = scoring;
        this.fewshot = fewshot;
        this.yaml = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(yaml));
    }

    /** This task on the documents of its file that {@code filter} accepts (MMLU's subjects share one file). */
    MultipleChoiceTask onlyDocs(Predicate<Doc> filter) {
        return new MultipleChoiceTask(name, version, datasetFile, format, layout, scoring, fewshot, yaml, filter);
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
        return 0;
    }

    @Override
    public boolean supportsFewshot(int k) {
        return k == 0 || !(fewshot instanceof Fewshot.None) && layout == Layout.CHOICE_AS_CONTINUATION;
    }

    @Override
    public List<Sample> samples(TaskData data, int numFewshot) {
        if (!supportsFewshot(numFewshot)) throw new DatasetException(name + " has no few-shot examples in the dataset files; run it 0-shot");
        Fewshot.Sampler sampler = Fewshot.sampler(fewshot, data, numFewshot, name);
        List<Doc> docs = data.docs(datasetFile).stream().filter(docFilter).toList();
        List<Sample> out = new ArrayList<>(docs.size());
        for (Doc doc : docs) {
            List<Doc> examples = numFewshot > 0 ? sampler.next(numFewshot) : List.of();
            out.add(new Sample(doc, requests(doc, examples)));
        }
        return out;
    }

    private List<Request> requests(Doc doc, List<Doc> examples) {
        StringBuilder prefix = new StringBuilder(format.description().apply(doc));
        for (Doc ex : examples) {
            prefix.append(format.text().apply(ex)).append(TARGET_DELIMITER).append(format.choices().apply(ex).get(gold(ex))).append(FEWSHOT_DELIMITER);
        }
        List<String> choices = format.choices().apply(doc);
        gold(doc);
        List<Request> requests = new ArrayList<>(choices.size());
        switch (layout) {
            case CHOICE_AS_CONTINUATION -> {
                String context = prefix + format.text().apply(doc);
                for (String c : choices) requests.add(new LogLikelihood(context, TARGET_DELIMITER + c));
            }
            case CONTEXT_PER_CHOICE -> {
                String continuation = TARGET_DELIMITER + format.text().apply(doc);
                for (String c : choices) requests.add(new LogLikelihood(prefix + c, continuation));
            }
        }
        return requests;
    }

    private int gold(Doc doc) {
        int g = format.gold().applyAsInt(doc);
        int n = format.choices().apply(doc).size();
        if (g < 0 || g >= n) throw new DatasetException("document " + doc.id() + " of " + datasetFile + ": gold index " + g + " is not below its " + n + " choices");
        return g;
    }

    @Override
    public SampleScore score(Sample sample, List<Response> responses) {
        List<String> choices = format.choices().apply(sample.doc());
        if (responses.size() != choices.size()) throw new IllegalArgumentException(responses.size() + " responses for " + choices.size() + " choices of " + sample.doc().id());
        double[] lls = new double[responses.size()];
        for (int i = 0; i < lls.length; i++) {
            if (!(responses.get(i) instanceof LogLikelihoodResponse r)) throw new IllegalArgumentException("response " + i + " of " + sample.doc().id() + " is not a loglikelihood");
            lls[i] = r.logprob();
        }
        int gold = gold(sample.doc());
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        switch (scoring) {
            case ACC -> {
                answers.put("acc", Integer.toString(MultipleChoice.argmax(lls)));
                metrics.put("acc,none", MultipleChoice.acc(lls, gold));
            }
            case ACC_AND_NORM -> {
                answers.put("acc", Integer.toString(MultipleChoice.argmax(lls)));
                metrics.put("acc,none", MultipleChoice.acc(lls, gold));
                answers.put("acc_norm", Integer.toString(MultipleChoice.argmax(MultipleChoice.perCharacter(lls, choices))));
                metrics.put("acc_norm,none", MultipleChoice.accNorm(lls, choices, gold));
            }
            case MC2 -> metrics.put("acc,none", MultipleChoice.mc2(lls, sample.doc().integers("mc2_labels")));
        }
        String target = layout == Layout.CHOICE_AS_CONTINUATION ? choices.get(gold) : choices.get(gold) + " " + format.text().apply(sample.doc());
        return new SampleScore(target, answers, metrics);
    }

    @Override
    public Map<String, Boolean> metrics() {
        return switch (scoring) {
            case ACC, MC2 -> Map.of("acc,none", true);
            case ACC_AND_NORM -> {
                var m = new LinkedHashMap<String, Boolean>();
                m.put("acc,none", true);
                m.put("acc_norm,none", true);
                yield m;
            }
        };
    }

    @Override
    public Map<String, Object> config(int numFewshot) {
        var c = new LinkedHashMap<String, Object>();
        c.put("task", name);
        c.putAll(yaml);
        c.put("output_type", "multiple_choice");
        c.put("target_delimiter", TARGET_DELIMITER);
        c.put("fewshot_delimiter", FEWSHOT_DELIMITER);
        c.put("num_fewshot", numFewshot);
        c.put("dataset_file", datasetFile);
        c.put("metric_list", metrics().keySet().stream().map(k -> k.substring(0, k.indexOf(','))).toList());
        c.put("metadata", Map.of("version", version));
        return c;
    }
}
