package ai.glassbox.ledger.claims;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Glassbox eval tasks measure the benchmark a claim names. A benchmark maps only where the
 * task uses the same data and the same kind of score; the prompt and number of shots may differ,
 * as they do between the claims themselves, and the claim's {@code setting} says which was used.
 * Every other benchmark is unmapped, so its claims stay unverified: Glassbox has no task for
 * GPQA, MATH, HumanEval, MMLU-Pro, SimpleQA, AIME, LiveCodeBench or SWE-bench, and a similar name
 * is not the same benchmark (MMLU-Pro is not MMLU, GPQA-Diamond is not GPQA). Stateless.
 */
public final class BenchmarkNames {
    private BenchmarkNames() {}

    // Deliberately left out:
    // - hellaswag_llamacpp: llama.cpp's rule (mean log-probability per token, a random order of
    //   documents) exists to reproduce llama.cpp's numbers; no vendor reports HellaSwag that way.
    // - a bare "TruthfulQA": no seed row has it, and papers use the name for three different
    //   scores (MC1 accuracy in the GPT-4 report, MC2 in the Open LLM Leaderboard, the generative
    //   "% true and informative" in the Llama 2 paper). Only a name that says which maps.
    // - mmlu_<subject> and the mmlu_<group> subsets: a claim's MMLU is the whole test set.
    private static final Map<String, List<String>> TASKS = Map.of(
            "MMLU", List.of("mmlu"), // the group of all 57 subjects, averaged as the harness does
            "GSM8K", List.of("gsm8k", "gsm8k_cot"), // both score exact match of the final number on the test split
            "HellaSwag", List.of("hellaswag"), // vendors report acc_norm on the validation split
            "ARC-Challenge", List.of("arc_challenge"),
            "ARC-Easy", List.of("arc_easy"),
            "WinoGrande", List.of("winogrande"),
            "PIQA", List.of("piqa"),
            "TruthfulQA-MC1", List.of("truthfulqa_mc1"),
            "TruthfulQA-MC2", List.of("truthfulqa_mc2"));

    /** The tasks that measure {@code benchmark} (a claim's name, matched exactly), preferred first; empty when none does. */
    public static List<String> tasks(String benchmark) {
        return TASKS.getOrDefault(benchmark, List.of());
    }

    /** Whether a result of {@code task} can confirm or dispute a claim on {@code benchmark}. */
    public static boolean comparable(String benchmark, String task) {
        return tasks(benchmark).contains(task);
    }

    /** Every benchmark name that maps to at least one task. */
    public static Set<String> mapped() {
        return TASKS.keySet();
    }
}
