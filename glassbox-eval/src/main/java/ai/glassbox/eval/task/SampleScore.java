package ai.glassbox.eval.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scored sample.
 *
 * @param target the gold answer as text (the gold choice, or the reference answer)
 * @param answers per filter pipeline, the answer extracted from the responses (multiple choice:
 *     the index of the chosen answer under each metric)
 * @param metrics per-sample metric values, keyed like the harness's results: {@code acc,none},
 *     {@code exact_match,strict-match}; in the task's metric order
 */
public record SampleScore(String target, Map<String, String> answers, Map<String, Double> metrics) {
    public SampleScore {
        Objects.requireNonNull(target, "target");
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
