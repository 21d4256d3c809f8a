package ai.glassbox.engine;

import ai.glassbox.engine.model.Model;
import ai.glassbox.engine.model.ModelConfig;
import ai.glassbox.engine.model.Session;
import ai.glassbox.engine.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Glassbox's engine: a GGUF model with its tokenizer, ready to generate and to score.
 *
 * <p>Results are bit-reproducible: the same file and inputs give the same logits, tokens and
 * scores for any thread count, batch size and CPU. One operation at a time: calls are serialized
 * on this object (the worker pool is shared). Close it to unmap the file.
 */
public final class Engine implements AutoCloseable {
    private final Model model;
    private final Tokenizer tokenizer;
    private final EngineOptions options;
    private final int contextLength;

    private Engine(Model model, Tokenizer tokenizer, EngineOptions options) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.options = options;
        this.contextLength = options.contextLength() > 0
                ? options.contextLength()
                : Math.min(model.config().trainedContextLength(), EngineOptions.DEFAULT_MAX_CONTEXT);
    }

    /**
     * The numeric kernels this JVM uses ({@code scalar} or {@code vector N-bit}); every choice
     * gives the same bits.
     */
    public static String kernels() {
        return ai.glassbox.engine.kernel.KernelProvider.description();
    }

    /**
     * Loads a GGUF model.
     *
     * @throws ai.glassbox.engine.gguf.GgufFormatException if the file is not valid GGUF
     * @throws ai.glassbox.engine.model.ModelFormatException if it is not a model Glassbox can run
     */
    public static Engine load(Path path, EngineOptions options) {
        Model model = Model.open(path, options.threads());
        try {
            return new Engine(model, Tokenizer.fromGguf(model.file().metadata()), options);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return model.config();
    }

    public Model model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public EngineOptions options() {
        return options;
    }

    /** KV cache positions of each session. */
    public int contextLength() {
        return contextLength;
    }

    /** The model's {@code tokenizer.chat_template}, if it has one. */
    public Optional<String> chatTemplate() {
        return model.file().metadata().string("tokenizer.chat_template");
    }

    /** A fresh session (empty KV cache) for callers that manage their own decoding loop. */
    public Session newSession() {
        return model.newSession(contextLength, options.batchSize());
    }

    /** Tokenizes text; see {@link Tokenizer#encode}. */
    public int[] tokenize(String text, boolean addBos, boolean parseSpecial) {
        return tokenizer.encode(text, addBos, parseSpecial);
    }

    /**
     * Generates a continuation of {@code prompt}, streaming text to {@code listener}.
     *
     * @throws IllegalArgumentException if the prompt is empty or does not fit the context
     */
    public synchronized Generation generate(int[] prompt, GenerationRequest request, GenerationListener listener) {
        if (prompt.length == 0) throw new IllegalArgumentException("empty prompt: add BOS or some text");
        if (prompt.length >= contextLength) throw new IllegalArgumentException("prompt of " + prompt.length + " tokens does not fit the context of " + contextLength);
        Session session = newSession();
        float[] logits = new float[model.config().vocabSize()];
        var steps = new GenerationSteps(tokenizer, model.config().vocabSize(), contextLength, prompt, request, listener);

        long t0 = System.nanoTime();
        session.process(prompt, 0, prompt.length, logits);
        long t1 = System.nanoTime();

        int[] one = new int[1];
        Optional<StopReason> end;
        while ((end = steps.next(logits, session.position())).isEmpty()) {
            one[0] = steps.lastToken();
            session.process(one, 0, 1, logits);
        }
        return steps.finish(end.get(), t1 - t0, System.nanoTime() - t1);
    }

    /**
     * Log-probability of every token of {@code tokens} after the first, given the tokens before it,
     * with the {@code topK} most likely alternatives at each position: what evaluation harnesses
     * call loglikelihood.
     */
    public synchronized List<TokenScore> score(int[] tokens, int topK) {
        if (tokens.length < 2) throw new IllegalArgumentException("scoring needs at least two tokens, got " + tokens.length);
        if (tokens.length > contextLength) throw new IllegalArgumentException(tokens.length + " tokens do not fit the context of " + contextLength);
        Session session = newSession();
        int vocab = model.config().vocabSize();
        List<TokenScore> scores = new ArrayList<>(tokens.length - 1);
        session.processAll(tokens, 0, tokens.length - 1, (pos, logits) -> {
            int next = tokens[pos + 1];
            double norm = LogSoftmax.logNormalizer(logits, vocab);
            int[] top = LogSoftmax.topK(logits, vocab, Math.max(topK, 1));
            double[] topLp = new double[Math.min(topK, top.length)];
            for (int i = 0; i < topLp.length; i++) topLp[i] = logits[top[i]] - norm;
            scores.add(new TokenScore(pos + 1, next, logits[next] - norm, top[0] == next || logits[next] == logits[top[0]],
                    java.util.Arrays.copyOf(top, topLp.length), topLp));
        });
        return scores;
    }

    /**
     * A scorer that keeps one KV cache across calls and reuses the prefix each sequence shares with
     * the previous one (see {@link PrefixScorer}), recording the {@code topK} most likely tokens
     * at each position.
     */
    public PrefixScorer prefixScorer(int topK) {
        return new PrefixScorer(this, topK);
    }

    /** Raw logits after every token of {@code tokens}, processed as one sequence. */
    public synchronized float[][] logits(int[] tokens) {
        Session session = newSession();
        float[][] out = new float[tokens.length][];
        session.processAll(tokens, 0, tokens.length, (pos, logits) -> out[pos] = logits.clone());
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
