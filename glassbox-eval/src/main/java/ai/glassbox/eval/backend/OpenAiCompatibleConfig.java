package ai.glassbox.eval.backend;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link OpenAiCompatibleModel} talks to one or more OpenAI-compatible servers.
 * Start from {@link #of} and adjust with the {@code with} methods.
 *
 * @param endpoints base URLs ending in the API version, e.g. {@code http://127.0.0.1:8080/v1};
 *     requests are spread over all of them (a fleet of vLLM or llama.cpp servers of one model)
 * @param modelName the {@code model} field of every request
 * @param apiKey sent as {@code Authorization: Bearer <key>} when present
 * @param concurrency requests in flight per endpoint (at least 1)
 * @param requestTimeout the longest one HTTP exchange may take; a timeout is retried
 * @param retry retries of 429, 5xx, connection failures and timeouts
 * @param generationApi which endpoint answers generation requests; loglikelihood requests always
 *     go to {@code /completions}
 * @param tokenizer a GGUF file whose tokenizer encodes prompts on the client, so that prompts are
 *     sent as token ids (lm-eval's {@code tokenized_requests}); without it prompts are sent as
 *     text and continuations are located through {@code logprobs.text_offset}
 * @param contextLength the server's context in tokens, 0 if unknown; with a tokenizer, prompts
 *     that do not fit lose tokens on the left as in the harness and the local engine
 */
public record OpenAiCompatibleConfig(
        List<URI> endpoints,
        String modelName,
        Optional<String> apiKey,
        int concurrency,
        Duration requestTimeout,
        RetryPolicy retry,
        GenerationApi generationApi,
        Optional<Path> tokenizer,
        int contextLength) {

    /** The endpoint that answers generation requests. */
    public enum GenerationApi {
        /** {@code POST /completions} with the context as the prompt. */
        COMPLETIONS,
        /** {@code POST /chat/completions} with the context as one user message. */
        CHAT
    }

    public OpenAiCompatibleConfig {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) throw new IllegalArgumentException("no endpoints");
        for (URI u : endpoints) {
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("endpoint " + u + " is not an http or https URL");
            }
        }
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(apiKey, "apiKey");
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, is " + concurrency);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("request timeout must be positive, is " + requestTimeout);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(generationApi, "generationApi");
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (contextLength < 0) throw new IllegalArgumentException("context length must be >= 0, is " + contextLength);
    }

    /**
     * One request in flight per endpoint, a 300 s timeout (lm-eval's), {@link RetryPolicy#defaults()},
     * generation through {@code /completions}, no API key and no client-side tokenizer.
     */
    public static OpenAiCompatibleConfig of(List<URI> endpoints, String modelName) {
        return new OpenAiCompatibleConfig(endpoints, modelName, Optional.empty(), 1, Duration.ofSeconds(300), RetryPolicy.defaults(), GenerationApi.COMPLETIONS, Optional.empty(), 0);
    }

    public OpenAiCompatibleConfig withApiKey(String key) {
        return new OpenAiCompatibleConfig(endpoints, modelName, Optional.of(key), concurrency, requestTimeout, retry, generationApi, tokenizer, contextLength);
    }

    public OpenAiCompatibleConfig withConcurrency(int perEndpoint) {
        return new OpenAiCompatibleConfig(endpoints, modelName, apiKey, perEndpoint, requestTimeout, retry, generationApi, tokenizer, contextLength);
    }

    public OpenAiCompatibleConfig withRequestTimeout(Duration timeout) {
        return new OpenAiCompatibleConfig(endpoints, modelName, apiKey, concurrency, timeout, retry, generationApi, tokenizer, contextLength);
    }

    public OpenAiCompatibleConfig withRetry(RetryPolicy policy) {
        return new OpenAiCompatibleConfig(endpoints, modelName, apiKey, concurrency, requestTimeout, policy, generationApi, tokenizer, contextLength);
    }

    public OpenAiCompatibleConfig withMaxRetries(int maxRetries) {
        return withRetry(retry.withMaxRetries(maxRetries));
    }

    public OpenAiCompatibleConfig withGenerationApi(GenerationApi api) {
        return new OpenAiCompatibleConfig(endpoints, modelName, apiKey, concurrency, requestTimeout, retry, api, tokenizer, contextLength);
    }

    public OpenAiCompatibleConfig withTokenizer(Path gguf) {
        return new OpenAiCompatibleConfig(endpoints, modelName, apiKey, concurrency, requestTimeout, retry, generationApi, Optional.of(gguf), contextLength);
    }

    public OpenAiCompatibleConfig withContextLength(int tokens) {
        return new OpenAiCompatibleConfig(endpoints, modelName, apiKey, concurrency, requestTimeout, retry, generationApi, tokenizer, tokens);
    }

    /** {@code base} with {@code path} appended: {@code http://h/v1} + {@code completions}. */
    static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }
}
