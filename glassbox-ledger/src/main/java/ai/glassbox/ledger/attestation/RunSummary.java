package ai.glassbox.ledger.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What an attested evaluation run measured, read from its statement: the model, the backend and
 * every task's (and group's) metrics with their standard errors and sample counts.
 *
 * @param model the model's name in the run (a file name, or an endpoint's model id)
 * @param modelSha256 the model file's SHA-256, for local-engine runs
 * @param backend {@code local} or the kind of endpoint
 * @param scores one per (task, metric), in the statement's order
 */
public record RunSummary(String model, Optional<String> modelSha256, String backend, List<Score> scores) {
    public RunSummary {
        scores = List.copyOf(scores);
    }

    /**
     * One metric of a task or group, e.g. task {@code mmlu}, metric {@code acc,none}.
     *
     * @param samples documents scored: the task's own, or the sum over a group's subtasks
     */
    public record Score(String task, String metric, double value, OptionalDouble stderr, long samples) {}

    /**
     * Reads a statement of {@link RunAttestation#PREDICATE_TYPE}.
     *
     * @throws AttestationException naming the field that is missing or malformed
     */
    public static RunSummary of(Statement statement) {
        if (!RunAttestation.PREDICATE_TYPE.equals(statement.predicateType())) {
            throw new AttestationException("predicateType is " + statement.predicateType() + ", expected " + RunAttestation.PREDICATE_TYPE);
        }
        JsonNode p = statement.predicate();
        JsonNode model = p.path("manifest").path("model");
        String name = text(model, "name", "predicate.manifest.model.name");
        String backend = text(model, "backend", "predicate.manifest.model.backend");
        String sha = model.path("properties").path("sha256").asText("");
        JsonNode samples = p.path("n-samples");
        List<Score> scores = new ArrayList<>();
        addScores(p.path("results"), task -> effective(samples, task), scores);
        addScores(p.path("groups"), group -> groupSamples(p, group, samples), scores);
        return new RunSummary(name, sha.isEmpty() ? Optional.empty() : Optional.of(sha), backend, scores);
    }

    private static void addScores(JsonNode tasks, java.util.function.ToLongFunction<String> samples, List<Score> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = tasks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> task = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = task.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = m.next();
                String key = metric.getKey();
                if (key.equals("alias") || key.contains("_stderr,") || !metric.getValue().isNumber()) continue;
                JsonNode err = task.getValue().path(stderrKey(key));
                OptionalDouble stderr = err.isNumber() ? OptionalDouble.of(err.asDouble()) : OptionalDouble.empty();
                out.add(new Score(task.getKey(), key, metric.getValue().asDouble(), stderr, samples.applyAsLong(task.getKey())));
            }
        }
    }

    // "acc,none" -> "acc_stderr,none", as lm-evaluation-harness names them
    private static String stderrKey(String metric) {
        int comma = metric.indexOf(',');
        return comma < 0 ? metric + "_stderr" : metric.substring(0, comma) + "_stderr" + metric.substring(comma);
    }

    private static long effective(JsonNode samples, String task) {
        JsonNode n = samples.path(task).path("effective");
        if (!n.canConvertToLong()) throw new AttestationException("predicate.n-samples." + task + ".effective is missing");
        return n.asLong();
    }

    private static long groupSamples(JsonNode predicate, String group, JsonNode samples) {
        JsonNode members = predicate.path("group_subtasks").path(group);
        if (!members.isArray() || members.isEmpty()) throw new AttestationException("predicate.group_subtasks." + group + " is missing");
        long n = 0;
        for (JsonNode member : members) {
            String name = member.asText();
            n += samples.has(name) ? effective(samples, name) : groupSamples(predicate, name, samples);
        }
        return n;
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) throw new AttestationException(path + " is missing");
        return v.asText();
    }
}
