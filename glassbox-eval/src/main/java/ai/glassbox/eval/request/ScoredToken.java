package ai.glassbox.eval.request;

import java.util.Objects;

/**
 * One token of a scored continuation.
 *
 * @param token the token's text
 * @param logprob its natural-log probability given everything before it
 * @param greedy whether it was the most likely token at its position
 */
public record ScoredToken(String token, double logprob, boolean greedy) {
    public ScoredToken {
        Objects.requireNonNull(token, "token");
        if (Double.isNaN(logprob) || logprob > 0) throw new IllegalArgumentException("log-probability " + logprob + " of token " + token + " is not <= 0");
    }
}
