package ai.glassbox.eval.backend;

import ai.glassbox.eval.ModelException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * POSTs JSON to the endpoints of a fleet: picks an endpoint from the {@link EndpointPool} for each
 * attempt, maps failures through {@link ApiErrors} and retries the retriable ones as the
 * {@link RetryPolicy} says, waiting outside the pool so that the slot serves others meanwhile.
 * Thread-safe; blocking calls meant for virtual threads.
 */
final class OpenAiClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final OpenAiCompatibleConfig config;
    private final EndpointPool pool;
    private final HttpClient http;

    OpenAiClient(OpenAiCompatibleConfig config) {
        this.config = config;
        this.pool = new EndpointPool(config.endpoints(), config.concurrency());
        Duration connect = config.requestTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? config.requestTimeout() : MAX_CONNECT_TIMEOUT;
        // HTTP/1.1: vLLM, llama.cpp and most proxies speak it; an h2c upgrade attempt only costs time
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect).build();
    }

    /**
     * Sends {@code body} to {@code path} under some endpoint's base URL until an attempt succeeds,
     * a failure is not retriable, or the retries are spent.
     *
     * @throws ModelException the last failure; after retries its message says how many attempts
     *     were made
     */
    ApiAnswer post(String path, ObjectNode body, ApiErrors.Purpose purpose) {
        byte[] bytes = bytes(body);
        RetryPolicy retry = config.retry();
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            ModelException failure;
            try (EndpointPool.Lease lease = acquire()) {
                URI url = OpenAiCompatibleConfig.resolve(lease.endpoint(), path);
                try {
                    HttpResponse<String> r = http.send(request(url, bytes), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (r.statusCode() / 100 == 2) return parse(url, r.body());
                    failure = ApiErrors.forStatus(url, r.statusCode(), r.body(), purpose);
                    retryAfter = r.headers().firstValue("Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, Instant.now()));
                } catch (IOException e) {
                    failure = ApiErrors.forTransport(url, e, config.requestTimeout());
                } catch (InterruptedException e) {
                    throw interrupted(e);
                }
            }
            if (!failure.retriable() || attempt > retry.maxRetries()) {
                throw attempt == 1 ? failure : new ModelException(failure.getMessage() + " (gave up after " + attempt + " attempts)", failure.retriable(), failure);
            }
            sleep(retry.delay(attempt, retryAfter, ThreadLocalRandom.current().nextDouble()));
        }
    }

    /** How many attempts went to each endpoint, in configuration order. */
    long[] attemptsPerEndpoint() {
        return pool.leasesPerEndpoint();
    }

    private HttpRequest request(URI url, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.apiKey().ifPresent(key -> b.header("Authorization", "Bearer " + key));
        return b.build();
    }

    private static ApiAnswer parse(URI url, String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) throw ApiErrors.malformed(url, "JSON object", "the body is " + (json == null ? "empty" : json.getNodeType()));
            return new ApiAnswer(url, json);
        } catch (JsonProcessingException e) {
            throw ApiErrors.malformed(url, "JSON body", e.getOriginalMessage());
        }
    }

    private EndpointPool.Lease acquire() {
        try {
            return pool.acquire();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static ModelException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ModelException("interrupted while waiting for an OpenAI-compatible endpoint", true, e);
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a request body", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
