package ai.glassbox.eval.task;

import ai.glassbox.eval.metric.MultipleChoice;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import ai.glassbox.eval.request.ScoredToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HellaSwag scored by llama.cpp's rule ({@code llama-perplexity --hellaswag}, {@code hellaswag_score}
 * in {@code tools/perplexity/perplexity.cpp}), so that its published accuracies can be reproduced
 * task by task:
 *
 * <ul>
 *   <li>each ending is scored as one string {@code context + " " + ending}, tokenized with BOS
 *       (here: a loglikelihood request with an empty context, which the backend conditions on BOS);
 *   <li>what counts is every token after the longest token prefix the four sequences share (the
 *       first one predicted from the last shared position), averaged per token;
 *   <li>the highest mean wins, ties to the lowest index;
 *   <li>documents come in llama.cpp's order (random even for all tasks): {@code std::mt19937(1)} draws a uniform index among
 *       the remaining tasks each time, so the first N samples are {@code --hellaswag-tasks N}.
 * </ul>
 */
public final class LlamaCppHellaswag implements Task {
    static final String NAME = "hellaswag_llamacpp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String datasetFile() {
        return "hellaswag_val.jsonl";
    }

    @Override
    public List<String> dataFiles() {
        return List.of(datasetFile());
    }

    @Override
    public int defaultFewshot() {
        return 0;
    }

    @Override
    public boolean supportsFewshot(int k) {
        return k == 0;
    }

    /** The order in which llama.cpp draws {@code n} tasks: indices into the file. */
    public static int[] drawOrder(int n) {
        Mt19937 rng = Mt19937.seeded(1);
        List<Integer> remaining = new ArrayList<>(n);
        for (int i = 0; i < n; i++) remaining.add(i);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = remaining.remove(rng.uniformBelow(remaining.size()));
        return order;
    }

    @Override
    public List<Sample> samples(TaskData data, int numFewshot) {
        if (numFewshot != 0) throw new DatasetException(NAME + " is 0-shot only, as llama.cpp runs it");
        List<Doc> docs = data.docs(datasetFile());
        List<Sample> out = new ArrayList<>(docs.size());
        for (int i : drawOrder(docs.size())) {
            Doc d = docs.get(i);
            String context = d.text("context");
            List<Request> requests = new ArrayList<>(4);
            for (String ending : endings(d)) requests.add(new LogLikelihood("", context + " " + ending));
            out.add(new Sample(d, requests));
        }
        return out;
    }

    private static List<String> endings(Doc d) {
        List<String> e = d.texts("choices");
        if (e.size() != 4) throw new DatasetException("document " + d.id() + " of hellaswag: " + e.size() + " endings, expected 4");
        return e;
    }

    @Override
    public SampleScore score(Sample sample, List<Response> responses) {
        if (responses.size() != 4) throw new IllegalArgumentException(responses.size() + " responses for the 4 endings of " + sample.doc().id());
        double[] means = meanLogprobs(responses, sample.doc().id());
        int gold = sample.doc().index("answer", 4);
        int pred = MultipleChoice.argmax(means);
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("acc", Integer.toString(pred));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("acc,none", pred == gold ? 1.0 : 0.0);
        return new SampleScore(endings(sample.doc()).get(gold), answers, metrics);
    }

    /**
     * Per ending, the mean log-probability of the tokens after the prefix all endings share; the
     * first scored token is predicted from the last shared position.
     */
    static double[] meanLogprobs(List<Response> responses, String docId) {
        List<List<ScoredToken>> seqs = new ArrayList<>(responses.size());
        for (Response r : responses) {
            if (!(r instanceof LogLikelihoodResponse l)) throw new IllegalArgumentException("response of " + docId + " is not a loglikelihood");
            seqs.add(l.tokens());
        }
        int shared = sharedPrefix(seqs);
        double[] means = new double[seqs.size()];
        for (int s = 0; s < means.length; s++) {
            List<ScoredToken> t = seqs.get(s);
            // token i of a response is sequence position i + 1 (after BOS); the shared prefix
            // covers positions 0..shared, so scoring starts at response index shared
            int from = Math.min(shared, t.size() - 1);
            double sum = 0;
            for (int i = from; i < t.size(); i++) sum += t.get(i).logprob();
            means[s] = sum / (t.size() - from);
        }
        return means;
    }

    /** Leading response tokens all sequences share (compared by text). */
    private static int sharedPrefix(List<List<ScoredToken>> seqs) {
        int n = 0;
        while (true) {
            if (n >= seqs.getFirst().size()) return n;
            String t = seqs.getFirst().get(n).token();
            for (List<ScoredToken> s : seqs) if (n >= s.size() || !s.get(n).token().equals(t)) return n;
            n++;
        }
    }

    @Override
    public Map<String, Boolean> metrics() {
        return Map.of("acc,none", true);
    }

    @Override
    public Map<String, Object> config(int numFewshot) {
        var c = new LinkedHashMap<String, Object>();
        c.put("task", NAME);
        c.put("output_type", "multiple_choice");
        c.put("scoring", "llama.cpp hellaswag_score: mean log-probability per token after the shared token prefix");
        c.put("task_order", "std::mt19937(1), uniform draw among the remaining tasks");
        c.put("num_fewshot", numFewshot);
        c.put("dataset_file", datasetFile());
        c.put("metadata", Map.of("version", version()));
        return c;
    }
}
