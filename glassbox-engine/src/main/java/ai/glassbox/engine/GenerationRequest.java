package ai.glassbox.engine;

import ai.glassbox.engine.sampling.SamplingParams;
import java.util.List;
import java.util.Objects;

/**
 * What to generate after a prompt.
 *
 * @param sampling token selection
 * @param maxTokens stop after this many generated tokens (at least 1)
 * @param stop stop strings: generation ends when the text contains one; it is not returned
 */
public record GenerationRequest(SamplingParams sampling, int maxTokens, List<String> stop) {
    public GenerationRequest {
        Objects.requireNonNull(sampling, "sampling");
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1, is " + maxTokens);
        stop = List.copyOf(stop);
        for (String s : stop) if (s.isEmpty()) throw new IllegalArgumentException("empty stop string");
    }

    public static GenerationRequest greedy(int maxTokens) {
        return new GenerationRequest(SamplingParams.greedy(), maxTokens, List.of());
    }

    public GenerationRequest withStop(List<String> s) {
        return new GenerationRequest(sampling, maxTokens, s);
    }
}
