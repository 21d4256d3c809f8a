package ai.glassbox.eval.backend;

import java.util.Arrays;

/**
 * What of a prompt fits a model's context, decided the same way for every backend that knows the
 * tokens: like the harness, a sequence that is too long loses tokens on the left.
 */
final class ContextWindow {
    private ContextWindow() {}

    /**
     * The tokens to score: at most {@code contextLength + 1} (the last one is never fed to the
     * model), the last ones kept. A context length of 0 means unknown: nothing is cut.
     */
    static int[] forScoring(int[] whole, int contextLength) {
        if (contextLength <= 0 || whole.length <= contextLength + 1) return whole;
        return Arrays.copyOfRange(whole, whole.length - contextLength - 1, whole.length);
    }

    /**
     * Tokens to generate: {@code maxTokens}, or half the context when the context is not larger
     * (a small model still answers instead of failing).
     */
    static int generationBudget(int maxTokens, int contextLength) {
        if (contextLength <= 0 || maxTokens < contextLength) return maxTokens;
        return Math.max(1, contextLength / 2);
    }

    /** The prompt's last {@code contextLength - budget} tokens. */
    static int[] forGeneration(int[] prompt, int budget, int contextLength) {
        if (contextLength <= 0) return prompt;
        int room = contextLength - budget;
        return prompt.length > room ? Arrays.copyOfRange(prompt, prompt.length - room, prompt.length) : prompt;
    }
}
