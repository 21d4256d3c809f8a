package ai.glassbox.engine;

import ai.glassbox.engine.sampling.SamplingParams;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A verifiable record of one generation: anyone holding the same model file can replay it and get
 * the same chain. See {@link ReceiptRecorder} for how the chain is computed.
 *
 * @param format {@value #FORMAT}
 * @param modelSha256 SHA-256 of the GGUF file, hex
 * @param promptTokens the prompt as token ids
 * @param steps each generated token with its logits digest and the chain value after it
 * @param finalChain the chain value after the last step (the genesis value when no step)
 */
public record InferenceReceipt(String format, String modelSha256, int[] promptTokens, SamplingParams sampling, int maxTokens, List<Step> steps, String finalChain) {
    public static final String FORMAT = "glassbox.receipt.v1";

    /** One generated token. */
    public record Step(int token, String logitsSha256, String chain) {
        public Step {
            Objects.requireNonNull(logitsSha256, "logitsSha256");
            Objects.requireNonNull(chain, "chain");
        }
    }

    public InferenceReceipt {
        if (!FORMAT.equals(format)) throw new IllegalArgumentException("receipt format '" + format + "', expected " + FORMAT);
        if (modelSha256 == null || !modelSha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("modelSha256 is not a hex SHA-256: " + modelSha256);
        promptTokens = promptTokens.clone();
        steps = List.copyOf(steps);
        Objects.requireNonNull(sampling, "sampling");
    }

    @Override
    public int[] promptTokens() {
        return promptTokens.clone();
    }

    /** The request that produced this receipt. */
    public GenerationRequest request() {
        return new GenerationRequest(sampling, maxTokens, List.of());
    }

    /**
     * Compares a replayed receipt with this one: empty when they agree at every step, else a
     * description of the first difference.
     */
    public Optional<String> firstDifference(InferenceReceipt replay) {
        if (!modelSha256.equals(replay.modelSha256)) return Optional.of("model digest differs: " + modelSha256 + " vs " + replay.modelSha256);
        int n = Math.min(steps.size(), replay.steps.size());
        for (int i = 0; i < n; i++) {
            Step a = steps.get(i);
            Step b = replay.steps.get(i);
            if (a.token() != b.token() || !a.logitsSha256().equals(b.logitsSha256()) || !a.chain().equals(b.chain())) {
                return Optional.of("step " + i + ": recorded token " + a.token() + " logits " + a.logitsSha256() + ", replayed token " + b.token() + " logits " + b.logitsSha256());
            }
        }
        if (steps.size() != replay.steps.size()) return Optional.of("recorded " + steps.size() + " steps, replay produced " + replay.steps.size());
        if (!finalChain.equals(replay.finalChain)) return Optional.of("final chain differs");
        return Optional.empty();
    }
}
