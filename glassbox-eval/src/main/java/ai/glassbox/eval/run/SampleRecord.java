package ai.glassbox.eval.run;

import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.GenerationResponse;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import ai.glassbox.eval.request.ScoredToken;
import ai.glassbox.eval.task.Sample;
import ai.glassbox.eval.task.SampleScore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a run's {@code samples_TASK.jsonl}: the document, the rendered requests, the raw
 * responses with their token log-probabilities, the extracted answers and the per-sample metrics.
 * Fields are written in a fixed order and doubles in Java's shortest round-trip form, so equal
 * runs give equal bytes.
 */
final class SampleRecord {
    private SampleRecord() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static ObjectNode encode(int docId, Sample sample, List<Response> responses, SampleScore score) {
        ObjectNode n = F.objectNode();
        n.put("doc_id", docId);
        n.put("doc", sample.doc().id());
        n.set("requests", requests(sample.requests()));
        ArrayNode rs = n.putArray("responses");
        for (Response r : responses) rs.add(response(r));
        n.put("target", score.target());
        ObjectNode answers = n.putObject("answers");
        score.answers().forEach(answers::put);
        ObjectNode metrics = n.putObject("metrics");
        score.metrics().forEach(metrics::put);
        return n;
    }

    static ArrayNode requests(List<Request> requests) {
        ArrayNode a = F.arrayNode();
        for (Request r : requests) {
            ObjectNode o = a.addObject();
            switch (r) {
                case LogLikelihood q -> {
                    o.put("type", "loglikelihood");
                    o.put("context", q.context());
                    o.put("continuation", q.continuation());
                }
                case GenerateUntil q -> {
                    o.put("type", "generate_until");
                    o.put("context", q.context());
                    ArrayNode until = o.putArray("until");
                    q.until().forEach(until::add);
                    o.put("max_tokens", q.maxTokens());
                }
            }
        }
        return a;
    }

    private static ObjectNode response(Response r) {
        ObjectNode o = F.objectNode();
        switch (r) {
            case LogLikelihoodResponse l -> {
                o.put("logprob", l.logprob());
                o.put("greedy", l.greedy());
                ArrayNode tokens = o.putArray("tokens");
                for (ScoredToken t : l.tokens()) {
                    ObjectNode tn = tokens.addObject();
                    tn.put("token", t.token());
                    tn.put("logprob", t.logprob());
                    tn.put("greedy", t.greedy());
                }
            }
            case GenerationResponse g -> o.put("text", g.text());
        }
        return o;
    }

    /** The per-sample metrics of a line written by {@link #encode}. */
    static Map<String, Double> metrics(JsonNode line) {
        Map<String, Double> m = new LinkedHashMap<>();
        line.get("metrics").properties().forEach(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }
}
