package ai.glassbox.eval.backend;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.engine.FileDigest;
import ai.glassbox.engine.Generation;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.engine.PrefixScorer;
import ai.glassbox.engine.TokenScore;
import ai.glassbox.engine.sampling.SamplingParams;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.ModelIdentity;
import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.GenerationResponse;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import ai.glassbox.eval.request.ScoredToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Glassbox engine as a {@link LanguageModel}: the only class of the harness that runs the
 * engine (the OpenAI-compatible client borrows only its tokenizer).
 *
 * <p>Loglikelihood requests are tokenized as lm-evaluation-harness's HuggingFace backend does
 * ({@code _encode_pair}: trailing context whitespace moves into the continuation, the context is
 * encoded alone and the continuation is what the whole encoding adds after it, BOS as the model's
 * metadata says; an empty context is the BOS token alone; the encoding lives in
 * {@code EncodedPair}, shared with the OpenAI-compatible client), then scored through one
 * {@link PrefixScorer}, so the choices of a question compute their shared context once. Sequences
 * longer than the context lose tokens on the left, as in the harness.
 */
public final class LocalEngineModel implements LanguageModel {
    private final Engine engine;
    private final ModelIdentity identity;
    private final PrefixScorer scorer;
    private long tokensRequested;

    private LocalEngineModel(Engine engine, ModelIdentity identity) {
        this.engine = engine;
        this.identity = identity;
        this.scorer = engine.prefixScorer(1);
    }

    /**
     * Loads a GGUF file. Its SHA-256 goes into the identity, with its absolute path (where a
     * re-run looks for it first) and the context length, which decides where long sequences are cut.
     */
    public static LocalEngineModel open(Path gguf, EngineOptions options) {
        Engine engine = Engine.load(gguf, options);
        try {
            var props = Map.of(
                    "sha256", FileDigest.sha256(gguf),
                    "path", gguf.toAbsolutePath().normalize().toString(),
                    "engine", engineVersion(),
                    "context_length", Integer.toString(engine.contextLength()));
            return new LocalEngineModel(engine, new ModelIdentity("local", gguf.getFileName().toString(), props));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    @Override
    public List<Response> answer(List<? extends Request> requests) {
        List<Response> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            out.add(switch (r) {
                case LogLikelihood q -> loglikelihood(q);
                case GenerateUntil q -> generate(q);
            });
        }
        return out;
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    /** Positions the scorer computed, and positions it reused from a shared prefix. */
    public PrefixStatistics prefixStatistics() {
        return new PrefixStatistics(tokensRequested, scorer.tokensProcessed(), scorer.tokensReused());
    }

    /**
     * @param requested positions the loglikelihood requests needed, each on its own
     * @param processed positions computed by forward passes
     * @param reused positions taken from the KV cache of an earlier request
     */
    public record PrefixStatistics(long requested, long processed, long reused) {}

    private LogLikelihoodResponse loglikelihood(LogLikelihood q) {
        EncodedPair pair = EncodedPair.encode(engine.tokenizer(), q);
        int[] whole = pair.whole();
        int contLength = pair.continuation().length;
        int[] seq = ContextWindow.forScoring(whole, engine.contextLength());
        int first = Math.max(1, seq.length - contLength);
        tokensRequested += seq.length - 1;
        List<TokenScore> scores = scorer.score(seq, first);
        List<ScoredToken> tokens = new ArrayList<>(scores.size());
        for (TokenScore s : scores) tokens.add(new ScoredToken(text(s.token()), s.logprob(), s.greedy()));
        return LogLikelihoodResponse.of(tokens);
    }

    /**
     * Greedy generation. The prompt keeps its last {@code context - maxTokens} tokens, as in the
     * harness; a model whose context is not larger than {@code maxTokens} generates at most half
     * its context instead.
     */
    private GenerationResponse generate(GenerateUntil q) {
        int ctx = engine.contextLength();
        int maxTokens = ContextWindow.generationBudget(q.maxTokens(), ctx);
        int[] prompt = ContextWindow.forGeneration(engine.tokenize(q.context(), true, false), maxTokens, ctx);
        var request = new GenerationRequest(SamplingParams.greedy(), maxTokens, q.until().stream().filter(s -> !s.isEmpty()).toList());
        Generation g = engine.generate(prompt, request, GenerationListener.NONE);
        return new GenerationResponse(g.text());
    }

    private String text(int token) {
        return new String(engine.tokenizer().tokenBytes(token, false), StandardCharsets.UTF_8);
    }

    private static String engineVersion() {
        String v = Engine.class.getPackage().getImplementationVersion();
        return "glassbox-engine " + (v == null ? "development build" : v) + ", kernels " + Engine.kernels();
    }

    @Override
    public void close() {
        engine.close();
    }
}
