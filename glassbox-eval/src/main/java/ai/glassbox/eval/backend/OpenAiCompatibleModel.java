package ai.glassbox.eval.backend;

import ai.glassbox.engine.FileDigest;
import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.tokenizer.Tokenizer;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.ModelException;
import ai.glassbox.eval.ModelIdentity;
import ai.glassbox.eval.backend.ApiErrors.Purpose;
import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.GenerationResponse;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Any OpenAI-compatible server (vLLM, llama.cpp, SGLang, Glassbox's own) as a {@link LanguageModel},
 * speaking the API as lm-evaluation-harness's {@code local-completions} and
 * {@code local-chat-completions} models do.
 *
 * <ul>
 *   <li><b>Loglikelihood</b>: {@code POST /completions} with {@code max_tokens} 1,
 *       {@code temperature} 0, {@code logprobs} 1 and {@code echo}; the continuation's
 *       log-probabilities are read from the echoed prompt. With a tokenizer the prompt is the token
 *       ids of context and continuation, split as the local engine splits them
 *       ({@code _encode_pair}), and the continuation is the tokens after the context's; without one
 *       the prompt is text and the continuation is the tokens that end after the context, by
 *       {@code text_offset}. A chat-only endpoint cannot score prompts: it fails with a message
 *       that says so.
 *   <li><b>Generation</b>: {@code POST /completions} with the context as the prompt (token ids
 *       with a tokenizer), or {@code POST /chat/completions} with the context as one user message;
 *       greedy, with the first four stop strings (OpenAI's limit), and the text is cut at the
 *       first stop string on the client too, since servers differ.
 * </ul>
 *
 * <p>Requests of one {@link #answer} call run concurrently on virtual threads, {@code concurrency}
 * per endpoint on the least busy endpoint; answers come back in request order. 408, 429, 5xx,
 * refused connections and timeouts are retried with exponential backoff and jitter, honouring
 * {@code Retry-After}. Prompts are not truncated on the client: a prompt longer than the server's
 * context fails with the server's message. Thread-safe.
 */
public final class OpenAiCompatibleModel implements LanguageModel {
    /** OpenAI accepts at most four stop sequences. */
    static final int MAX_STOP_SEQUENCES = 4;

    private final OpenAiCompatibleConfig config;
    private final Optional<Tokenizer> tokenizer;
    private final OpenAiClient client;
    private final ModelIdentity identity;

    private OpenAiCompatibleModel(OpenAiCompatibleConfig config, Optional<Tokenizer> tokenizer, ModelIdentity identity) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.identity = identity;
        this.client = new OpenAiClient(config);
    }

    /**
     * Prepares a client; nothing is sent until {@link #answer}. Reads the tokenizer from the
     * config's GGUF file, if it names one, and hashes that file for the identity.
     *
     * @throws ai.glassbox.engine.gguf.GgufFormatException if the tokenizer file is not valid GGUF
     * @throws ai.glassbox.engine.tokenizer.TokenizerFormatException if it has no usable tokenizer
     */
    public static OpenAiCompatibleModel open(OpenAiCompatibleConfig config) {
        Map<String, String> props = new TreeMap<>();
        props.put("endpoints", config.endpoints().stream().map(URI::toString).collect(Collectors.joining(",")));
        props.put("generation_api", config.generationApi().name().toLowerCase(Locale.ROOT));
        Optional<Tokenizer> tokenizer = config.tokenizer().map(OpenAiCompatibleModel::readTokenizer);
        config.tokenizer().ifPresent(path -> props.put("tokenizer_sha256", FileDigest.sha256(path)));
        return new OpenAiCompatibleModel(config, tokenizer, new ModelIdentity("openai", config.modelName(), props));
    }

    private static Tokenizer readTokenizer(Path gguf) {
        // the tokenizer copies what it needs from the metadata, so the mapping can go at once
        try (GgufFile file = GgufFile.open(gguf)) {
            return Tokenizer.fromGguf(file.metadata());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The first failure ends the call: the other requests are cancelled and the failure is
     * thrown, its message naming the request's position.
     *
     * @throws IllegalArgumentException if a continuation encodes to no tokens
     */
    @Override
    public List<Response> answer(List<? extends Request> requests) {
        int n = requests.size();
        if (n == 0) return List.of();
        if (n == 1) return List.of(answer(0, requests.getFirst()));
        Response[] out = new Response[n];
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<Void> done = new ExecutorCompletionService<>(threads);
            for (int i = 0; i < n; i++) {
                int k = i;
                done.submit(() -> {
                    out[k] = answer(k, requests.get(k));
                    return null;
                });
            }
            for (int i = 0; i < n; i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    threads.shutdownNow();
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException("a request failed", e.getCause());
                } catch (InterruptedException e) {
                    threads.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new ModelException("interrupted while waiting for answers", true, e);
                }
            }
        }
        return List.of(out);
    }

    private Response answer(int index, Request request) {
        try {
            return switch (request) {
                case LogLikelihood q -> loglikelihood(q);
                case GenerateUntil q -> generate(q);
            };
        } catch (ModelException e) {
            String kind = request instanceof LogLikelihood ? "loglikelihood" : "generation";
            throw new ModelException(kind + " request " + index + ": " + e.getMessage(), e.retriable(), e);
        }
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    /** How many HTTP attempts went to each endpoint so far, in configuration order. */
    public long[] attemptsPerEndpoint() {
        return client.attemptsPerEndpoint();
    }

    private LogLikelihoodResponse loglikelihood(LogLikelihood q) {
        ObjectNode body = body();
        // lm-eval's LocalCompletionsAPI payload for loglikelihood
        body.put("max_tokens", 1).put("temperature", 0).put("logprobs", 1).put("echo", true);
        if (tokenizer.isPresent()) {
            EncodedPair pair = EncodedPair.encode(tokenizer.get(), q);
            int[] seq = ContextWindow.forScoring(pair.whole(), config.contextLength());
            ArrayNode prompt = body.putArray("prompt");
            for (int t : seq) prompt.add(t);
            PromptLogprobs echoed = PromptLogprobs.of(client.post("completions", body, Purpose.SCORING));
            return echoed.continuation(Math.max(1, seq.length - pair.continuation().length), prompt.size());
        }
        EncodedPair.Text text = EncodedPair.Text.of(q);
        String prompt = text.context() + text.continuation();
        body.put("prompt", prompt);
        PromptLogprobs echoed = PromptLogprobs.of(client.post("completions", body, Purpose.SCORING));
        return echoed.continuationAfter(PromptLogprobs.codePoints(text.context()), PromptLogprobs.codePoints(prompt));
    }

    private GenerationResponse generate(GenerateUntil q) {
        List<String> stops = q.until().stream().filter(s -> !s.isEmpty()).toList();
        ObjectNode body = body();
        int budget = ContextWindow.generationBudget(q.maxTokens(), config.contextLength());
        body.put("max_tokens", budget).put("temperature", 0);
        if (!stops.isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            stops.stream().limit(MAX_STOP_SEQUENCES).forEach(stop::add);
        }
        String text = switch (config.generationApi()) {
            case COMPLETIONS -> {
                if (tokenizer.isPresent()) {
                    ArrayNode prompt = body.putArray("prompt");
                    int[] tokens = ContextWindow.forGeneration(tokenizer.get().encode(q.context(), true, false), budget, config.contextLength());
                    for (int t : tokens) prompt.add(t);
                } else {
                    body.put("prompt", q.context());
                }
                ApiAnswer a = client.post("completions", body, Purpose.GENERATION);
                yield a.text(a.firstChoice().path("text"), "choices[0].text");
            }
            case CHAT -> {
                body.putArray("messages").addObject().put("role", "user").put("content", q.context());
                ApiAnswer a = client.post("chat/completions", body, Purpose.GENERATION);
                var content = a.firstChoice().path("message").path("content");
                // OpenAI sends null content for a refusal or a filtered answer; lm-eval scores it as ""
                yield content.isNull() ? "" : a.text(content, "choices[0].message.content");
            }
        };
        return new GenerationResponse(cutAtStop(text, stops));
    }

    /** The text before the earliest of the stop strings. */
    static String cutAtStop(String text, List<String> stops) {
        int cut = text.length();
        for (String s : stops) {
            int i = text.indexOf(s);
            if (i >= 0 && i < cut) cut = i;
        }
        return text.substring(0, cut);
    }

    private ObjectNode body() {
        return OpenAiClient.JSON.createObjectNode().put("model", config.modelName());
    }

    @Override
    public void close() {
        client.close();
    }
}
