package ai.glassbox.eval.request;

import java.util.List;

/**
 * The answer to a {@link LogLikelihood} request.
 *
 * @param logprob natural-log probability of the continuation's tokens, summed
 * @param greedy whether every continuation token was the model's most likely one
 * @param tokens the continuation's tokens with their log-probabilities, as the model saw them
 */
public record LogLikelihoodResponse(double logprob, boolean greedy, List<ScoredToken> tokens) implements Response {
    public LogLikelihoodResponse {
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) throw new IllegalArgumentException("a continuation has at least one token");
    }

    /** Sums the tokens' log-probabilities in order, as the harness does. */
    public static LogLikelihoodResponse of(List<ScoredToken> tokens) {
        double sum = 0;
        boolean greedy = true;
        for (ScoredToken t : tokens) {
            sum += t.logprob();
            greedy &= t.greedy();
        }
        return new LogLikelihoodResponse(sum, greedy, tokens);
    }
}
