package ai.glassbox.ledger.claims;

import java.util.Map;
import java.util.Optional;

/**
 * The metric of each task that published scores report, as lm-evaluation-harness names it
 * ({@code metric,filter}). Length-normalised accuracy where the choices differ in length and
 * reports use it (ARC and HellaSwag on the Open LLM Leaderboard, PIQA in the harness's tables);
 * plain accuracy otherwise; GSM8K's strict final-answer match.
 */
public final class HeadlineMetrics {
    private HeadlineMetrics() {}

    private static final Map<String, String> METRIC = Map.of(
            "arc_easy", "acc_norm,none",
            "arc_challenge", "acc_norm,none",
            "hellaswag", "acc_norm,none",
            "piqa", "acc_norm,none",
            "winogrande", "acc,none",
            "mmlu", "acc,none",
            "truthfulqa_mc1", "acc,none",
            "truthfulqa_mc2", "acc,none",
            "gsm8k", "exact_match,strict-match",
            "gsm8k_cot", "exact_match,strict-match");

    /** The headline metric of {@code task}, if claims can be checked against it. */
    public static Optional<String> of(String task) {
        return Optional.ofNullable(METRIC.get(task));
    }
}
