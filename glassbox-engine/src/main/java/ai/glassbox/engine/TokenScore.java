package ai.glassbox.engine;

/**
 * The log-probability of one given token and the most likely alternatives at its position.
 *
 * @param position index of the token in the scored sequence (at least 1)
 * @param token the token that was given
 * @param logprob natural-log probability of {@code token} given the tokens before it
 * @param greedy whether {@code token} is the argmax at its position
 * @param topTokens the top-k token ids, most likely first (ties: lower id first)
 * @param topLogprobs their log-probabilities
 */
public record TokenScore(int position, int token, double logprob, boolean greedy, int[] topTokens, double[] topLogprobs) {
    public TokenScore {
        topTokens = topTokens.clone();
        topLogprobs = topLogprobs.clone();
    }

    @Override
    public int[] topTokens() {
        return topTokens.clone();
    }

    @Override
    public double[] topLogprobs() {
        return topLogprobs.clone();
    }
}
