package ai.glassbox.server.openai;

import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.engine.StopReason;
import ai.glassbox.engine.sampling.SamplingParams;
import java.util.List;
import java.util.OptionalInt;

/** The sampling fields chat and completions requests share, validated. */
final class Sampling {
    private Sampling() {}

    /**
     * OpenAI's defaults (temperature 1, top_p 1) with llama.cpp's extensions {@code top_k},
     * {@code min_p} and {@code repeat_penalty}. Without {@code seed} the seed is 0, so the same
     * request always gets the same answer.
     */
    static SamplingParams params(Fields f) {
        for (String unsupported : List.of("presence_penalty", "frequency_penalty")) {
            if (f.number(unsupported, -2, 2).orElse(0) != 0) {
                throw ApiException.invalid(unsupported, "'" + unsupported + "' is not supported; use 'repeat_penalty' (llama.cpp's) or omit it");
            }
        }
        float temperature = (float) f.number("temperature", 0, 2).orElse(1);
        float topP = (float) f.number("top_p", 0, 1).orElse(1);
        if (topP == 0) throw ApiException.invalid("top_p", "'top_p' must be greater than 0");
        int topK = f.integer("top_k", 0, Integer.MAX_VALUE).orElse(0);
        float minP = (float) f.number("min_p", 0, 1).orElse(0);
        float repeat = (float) f.number("repeat_penalty", 0.01, 10).orElse(1);
        long seed = f.longInteger("seed").orElse(0);
        return new SamplingParams(temperature, topK, topP, minP, repeat, 64, seed);
    }

    /** {@code max_tokens} (or {@code maxParam}), at most what the context leaves after the prompt. */
    static int maxTokens(OptionalInt requested, int promptTokens, int contextLength) {
        int room = contextLength - promptTokens;
        return requested.isPresent() ? Math.min(requested.getAsInt(), room) : room;
    }

    static GenerationRequest request(SamplingParams params, int maxTokens, List<String> stop) {
        return new GenerationRequest(params, maxTokens, stop);
    }

    /** OpenAI's finish_reason. */
    static String finishReason(StopReason reason) {
        return switch (reason) {
            case END_OF_GENERATION, STOP_STRING, CANCELLED -> "stop";
            case MAX_TOKENS, CONTEXT_FULL -> "length";
        };
    }
}
