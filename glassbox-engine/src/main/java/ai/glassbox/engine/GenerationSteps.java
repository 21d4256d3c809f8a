package ai.glassbox.engine;

import ai.glassbox.engine.sampling.Sampler;
import ai.glassbox.engine.tokenizer.StreamingDecoder;
import ai.glassbox.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happens after each forward pass of a generation: sample, tell the listener, and check the
 * stop conditions. {@link Engine#generate} and {@link DecodeLoop} both drive one, so a generation
 * is the same whether it runs alone or in a batch.
 */
final class GenerationSteps {
    private final int[] prompt;
    private final GenerationRequest request;
    private final GenerationListener listener;
    private final Tokenizer tokenizer;
    private final int contextLength;
    private final Sampler sampler;
    private final StopStringFilter text;
    private final StreamingDecoder decoder;
    private final List<Integer> generated = new ArrayList<>();
    private int last;

    GenerationSteps(Tokenizer tokenizer, int vocabSize, int contextLength, int[] prompt, GenerationRequest request, GenerationListener listener) {
        this.prompt = prompt;
        this.request = request;
        this.listener = listener;
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.sampler = new Sampler(request.sampling(), vocabSize);
        for (int t : prompt) sampler.accept(t);
        this.text = new StopStringFilter(request.stop(), listener);
        this.decoder = tokenizer.streamingDecoder(false);
    }

    /**
     * Takes the logits after the last processed token ({@code position} tokens processed so far);
     * returns why generation ends, or empty when {@link #lastToken()} is to be processed next.
     */
    Optional<StopReason> next(float[] logits, int position) {
        int step = generated.size();
        int token = sampler.sample(logits);
        generated.add(token);
        sampler.accept(token);
        if (!listener.onToken(step, token, logits)) return Optional.of(StopReason.CANCELLED);
        if (tokenizer.isEndOfGeneration(token)) return Optional.of(StopReason.END_OF_GENERATION);
        if (text.accept(decoder.accept(token))) return Optional.of(StopReason.STOP_STRING);
        if (step + 1 == request.maxTokens()) return Optional.of(StopReason.MAX_TOKENS);
        if (position >= contextLength) return Optional.of(StopReason.CONTEXT_FULL);
        last = token;
        return Optional.empty();
    }

    /** The token just generated, to be processed before the next step. */
    int lastToken() {
        return last;
    }

    /** Flushes the text held back (unless a stop string cut it) and sums up the generation. */
    Generation finish(StopReason reason, long promptNanos, long generateNanos) {
        if (reason != StopReason.STOP_STRING) text.finish(decoder.flush());
        return new Generation(prompt, generated.stream().mapToInt(Integer::intValue).toArray(), text.text(), reason, promptNanos, generateNanos);
    }
}
