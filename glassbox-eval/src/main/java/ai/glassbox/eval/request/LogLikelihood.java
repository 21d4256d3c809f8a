package ai.glassbox.eval.request;

import java.util.Objects;

/**
 * The log-probability of {@code continuation} after {@code context} (lm-eval's {@code loglikelihood}).
 * The continuation carries the target delimiter, usually a leading space.
 */
public record LogLikelihood(String context, String continuation) implements Request {
    public LogLikelihood {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(continuation, "continuation");
        if (continuation.isEmpty()) throw new IllegalArgumentException("empty continuation");
    }
}
