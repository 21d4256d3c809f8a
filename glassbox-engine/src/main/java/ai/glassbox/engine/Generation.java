package ai.glassbox.engine;

/**
 * A finished generation.
 *
 * @param promptTokens the prompt as processed
 * @param tokens generated token ids, including a final end-of-generation token if one ended it
 * @param text the generated text without end-of-generation tokens and stop strings
 * @param promptNanos time spent processing the prompt
 * @param generateNanos time spent generating
 */
public record Generation(int[] promptTokens, int[] tokens, String text, StopReason stopReason, long promptNanos, long generateNanos) {
    public Generation {
        promptTokens = promptTokens.clone();
        tokens = tokens.clone();
    }

    @Override
    public int[] promptTokens() {
        return promptTokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Prompt tokens per second. */
    public double promptTokensPerSecond() {
        return promptNanos == 0 ? 0 : promptTokens.length * 1e9 / promptNanos;
    }

    /** Generated tokens per second (the first token's time is counted in the prompt). */
    public double generatedTokensPerSecond() {
        return generateNanos == 0 || tokens.length < 2 ? 0 : (tokens.length - 1) * 1e9 / generateNanos;
    }
}
