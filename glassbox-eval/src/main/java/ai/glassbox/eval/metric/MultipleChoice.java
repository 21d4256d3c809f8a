package ai.glassbox.eval.metric;

import java.util.List;

/**
 * Multiple-choice metrics as lm-evaluation-harness computes them ({@code ConfigurableTask.process_results}
 * for {@code output_type: multiple_choice}, and TruthfulQA's {@code process_results_mc2}).
 */
public final class MultipleChoice {
    private MultipleChoice() {}

    /** 1 if the choice of highest log-likelihood is the gold one, else 0; ties go to the lowest index (numpy's argmax). */
    public static double acc(double[] logLikelihoods, int gold) {
        return argmax(logLikelihoods) == gold ? 1 : 0;
    }

    /**
     * {@link #acc} on log-likelihoods divided by each choice's length in characters — the choice
     * text itself, without the target delimiter (the harness's {@code len(i) for i in choices}).
     * Python counts characters as code points.
     */
    public static double accNorm(double[] logLikelihoods, List<String> choices, int gold) {
        return acc(perCharacter(logLikelihoods, choices), gold);
    }

    /** Each log-likelihood divided by its choice's length in code points (what {@link #accNorm} compares). */
    public static double[] perCharacter(double[] logLikelihoods, List<String> choices) {
        if (choices.size() != logLikelihoods.length) throw new IllegalArgumentException(choices.size() + " choices for " + logLikelihoods.length + " log-likelihoods");
        double[] normalized = new double[logLikelihoods.length];
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = logLikelihoods[i] / (double) choices.get(i).codePointCount(0, choices.get(i).length());
        }
        return normalized;
    }

    /**
     * TruthfulQA MC2: the probability mass of the true answers, normalized over all answers. The
     * labels are 1 (true) then 0 (false); like the harness, everything before the first 0 counts
     * as true.
     */
    public static double mc2(double[] logLikelihoods, int[] labels) {
        if (labels.length != logLikelihoods.length) throw new IllegalArgumentException(labels.length + " labels for " + logLikelihoods.length + " log-likelihoods");
        int split = -1;
        for (int i = 0; i < labels.length && split < 0; i++) if (labels[i] == 0) split = i;
        if (split < 0) throw new IllegalArgumentException("mc2 needs at least one false answer (label 0)");
        double sumTrue = 0, sumFalse = 0;
        for (int i = 0; i < split; i++) sumTrue += StrictMath.exp(logLikelihoods[i]);
        for (int i = split; i < labels.length; i++) sumFalse += StrictMath.exp(logLikelihoods[i]);
        double total = sumTrue + sumFalse;
        // numpy divides each true probability by the total, then sums
        double mass = 0;
        for (int i = 0; i < split; i++) mass += StrictMath.exp(logLikelihoods[i]) / total;
        return mass;
    }

    /** Index of the largest value, the first one on ties; NaN never wins unless all are NaN (numpy picks the first NaN). */
    public static int argmax(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) return i;
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
