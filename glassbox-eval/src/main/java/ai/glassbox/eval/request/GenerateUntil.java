package ai.glassbox.eval.request;

import java.util.List;
import java.util.Objects;

/**
 * Greedy generation after {@code context} until one of {@code until} appears (it is not returned)
 * or {@code maxTokens} tokens were generated (lm-eval's {@code generate_until}).
 */
public record GenerateUntil(String context, List<String> until, int maxTokens) implements Request {
    public GenerateUntil {
        Objects.requireNonNull(context, "context");
        until = List.copyOf(until);
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1, is " + maxTokens);
    }
}
