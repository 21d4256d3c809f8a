package ai.glassbox.engine.sampling;

/**
 * How to pick the next token. With {@code temperature <= 0} sampling is greedy (argmax, ties to
 * the lowest id) and the other filters are irrelevant.
 *
 * @param temperature logits are divided by it before the final draw; 0 means greedy
 * @param topK keep the k most likely tokens; 0 keeps all
 * @param topP keep the smallest set whose probability reaches p; 1 keeps all
 * @param minP drop tokens less likely than minP times the most likely one; 0 keeps all
 * @param repeatPenalty llama.cpp's repetition penalty over the last {@code repeatLastN} tokens; 1 is off
 * @param repeatLastN how many recent tokens the penalty looks at
 * @param seed seed of the {@link SplitMix64} generator
 */
public record SamplingParams(float temperature, int topK, float topP, float minP, float repeatPenalty, int repeatLastN, long seed) {
    public SamplingParams {
        if (Float.isNaN(temperature) || temperature < 0) throw new IllegalArgumentException("temperature must be >= 0, is " + temperature);
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0, is " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], is " + topP);
        if (!(minP >= 0 && minP <= 1)) throw new IllegalArgumentException("min-p must be in [0, 1], is " + minP);
        if (!(repeatPenalty > 0)) throw new IllegalArgumentException("repeat penalty must be > 0, is " + repeatPenalty);
        if (repeatLastN < 0) throw new IllegalArgumentException("repeat-last-n must be >= 0, is " + repeatLastN);
    }

    /** Greedy decoding. */
    public static SamplingParams greedy() {
        return new SamplingParams(0f, 0, 1f, 0f, 1f, 64, 0);
    }

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no repetition penalty. */
    public static SamplingParams defaults(long seed) {
        return new SamplingParams(0.8f, 40, 0.95f, 0.05f, 1f, 64, seed);
    }

    public boolean greedyDecoding() {
        return temperature <= 0;
    }

    public SamplingParams withSeed(long s) {
        return new SamplingParams(temperature, topK, topP, minP, repeatPenalty, repeatLastN, s);
    }
}
