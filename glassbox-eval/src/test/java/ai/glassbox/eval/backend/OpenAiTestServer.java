package ai.glassbox.eval.backend;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.Generation;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.engine.StopReason;
import ai.glassbox.engine.TokenScore;
import ai.glassbox.engine.sampling.SamplingParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-compatible server on {@code 127.0.0.1}, port 0, over the real engine, until
 * {@code glassbox serve} exists: {@code POST /v1/completions} (prompt as text or token ids, greedy,
 * {@code max_tokens} including 0 with {@code echo}, {@code stop}, {@code echo}, and {@code logprobs}
 * in the legacy format with {@code tokens}, {@code token_logprobs}, {@code top_logprobs} and
 * {@code text_offset}) and a minimal {@code POST /v1/chat/completions} (the messages' contents
 * joined, no chat template). A text prompt gets BOS as the vocabulary asks, as llama-server does;
 * token ids are used as given.
 *
 * <p>For tests of the client's failure handling, a {@link Behaviour} can answer the first requests
 * with an error status, delay every answer, demand an API key, or hide {@code /v1/completions}
 * (a chat-only server).
 */
public final class OpenAiTestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param failures how many of the first requests get {@code failureStatus} instead of an answer
     * @param failureStatus the status of those failures
     * @param retryAfter the {@code Retry-After} value sent with them, if any
     * @param delay how long every request waits before it is handled
     * @param chatOnly whether {@code /v1/completions} answers 404
     * @param apiKey the bearer token requests must carry, if any
     */
    public record Behaviour(int failures, int failureStatus, Optional<String> retryAfter, Duration delay, boolean chatOnly, Optional<String> apiKey) {
        public static Behaviour normal() {
            return new Behaviour(0, 200, Optional.empty(), Duration.ZERO, false, Optional.empty());
        }

        Behaviour failingFirst(int n, int status) {
            return new Behaviour(n, status, retryAfter, delay, chatOnly, apiKey);
        }

        Behaviour withRetryAfter(String value) {
            return new Behaviour(failures, failureStatus, Optional.of(value), delay, chatOnly, apiKey);
        }

        Behaviour withDelay(Duration d) {
            return new Behaviour(failures, failureStatus, retryAfter, d, chatOnly, apiKey);
        }

        public Behaviour chatOnlyServer() {
            return new Behaviour(failures, failureStatus, retryAfter, delay, true, apiKey);
        }

        Behaviour requiringApiKey(String key) {
            return new Behaviour(failures, failureStatus, retryAfter, delay, chatOnly, Optional.of(key));
        }
    }

    /** A request the client's answer could not be made for; the server answers {@code status}. */
    private static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Engine engine;
    private final Behaviour behaviour;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger received = new AtomicInteger();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    private OpenAiTestServer(Engine engine, Behaviour behaviour) throws IOException {
        this.engine = engine;
        this.behaviour = behaviour;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
        http.start();
    }

    public static OpenAiTestServer start(Engine engine, Behaviour behaviour) {
        try {
            return new OpenAiTestServer(engine, behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test server on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1");
    }

    /** Requests received so far, failed ones included. */
    int requests() {
        return received.get();
    }

    /** The JSON bodies received so far, in arrival order. */
    List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                send(ex, 200, route(ex));
            } catch (ApiError e) {
                send(ex, e.status, error(e.getMessage()));
            } catch (IllegalArgumentException | IOException e) {
                send(ex, 400, error(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ObjectNode route(HttpExchange ex) throws IOException, InterruptedException {
        int n = received.incrementAndGet();
        byte[] raw = ex.getRequestBody().readAllBytes();
        if (!behaviour.delay().isZero()) Thread.sleep(behaviour.delay());
        JsonNode body = JSON.readTree(raw);
        bodies.add(body);
        if (behaviour.apiKey().isPresent() && !("Bearer " + behaviour.apiKey().get()).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            throw new ApiError(401, "invalid API key");
        }
        if (n <= behaviour.failures()) {
            behaviour.retryAfter().ifPresent(v -> ex.getResponseHeaders().set("Retry-After", v));
            throw new ApiError(behaviour.failureStatus(), "injected failure " + n + " of " + behaviour.failures());
        }
        if (body.path("temperature").asDouble(1) != 0) throw new ApiError(400, "this server decodes greedily only: send temperature 0");
        String path = ex.getRequestURI().getPath();
        return switch (path) {
            case "/v1/completions" -> {
                if (behaviour.chatOnly()) throw new ApiError(404, "Not Found");
                yield completion(body);
            }
            case "/v1/chat/completions" -> chat(body);
            default -> throw new ApiError(404, "no route " + path);
        };
    }

    private ObjectNode completion(JsonNode body) {
        JsonNode p = body.path("prompt");
        int[] prompt;
        if (p.isTextual()) {
            prompt = engine.tokenize(p.asText(), true, false);
        } else if (p.isArray() && !p.isEmpty()) {
            prompt = new int[p.size()];
            for (int i = 0; i < prompt.length; i++) prompt[i] = p.get(i).asInt();
        } else {
            throw new ApiError(400, "prompt must be a string or a non-empty array of token ids");
        }
        String promptText = p.isTextual() ? p.asText() : String.join("", texts(prompt));
        boolean echo = body.path("echo").asBoolean(false);
        int maxTokens = body.path("max_tokens").asInt(16);
        Generation g = maxTokens > 0 ? generate(prompt, maxTokens, stops(body)) : null;
        int[] generated = g == null ? new int[0] : g.tokens();
        String generatedText = g == null ? "" : g.text();

        ObjectNode choice = JSON.createObjectNode().put("index", 0).put("text", (echo ? promptText : "") + generatedText);
        if (body.hasNonNull("logprobs")) {
            choice.set("logprobs", logprobs(prompt, promptText, generated, body.get("logprobs").asInt(), echo));
        } else {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", finishReason(g));
        return answer("text_completion", body, choice);
    }

    private ObjectNode chat(JsonNode body) {
        StringBuilder text = new StringBuilder();
        for (JsonNode m : body.path("messages")) text.append(m.path("content").asText());
        Generation g = generate(engine.tokenize(text.toString(), true, false), body.path("max_tokens").asInt(16), stops(body));
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", g.text());
        choice.put("finish_reason", finishReason(g));
        return answer("chat.completion", body, choice);
    }

    private Generation generate(int[] prompt, int maxTokens, List<String> stop) {
        return engine.generate(prompt, new GenerationRequest(SamplingParams.greedy(), maxTokens, stop), GenerationListener.NONE);
    }

    /**
     * Legacy logprobs: the echoed prompt (its first token has no log-probability) and then the
     * generated tokens, each scored given everything before it, with the {@code topK} best
     * alternatives plus the token itself.
     */
    private ObjectNode logprobs(int[] prompt, String promptText, int[] generated, int topK, boolean echo) {
        int[] all = new int[prompt.length + generated.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(generated, 0, all, prompt.length, generated.length);
        List<TokenScore> scores = all.length >= 2 ? engine.score(all, Math.max(1, topK)) : List.of();
        List<String> texts = texts(all);
        int[] offsets = textOffsets(texts, prompt.length, promptText);
        ObjectNode lp = JSON.createObjectNode();
        ArrayNode tokens = lp.putArray("tokens"), tokenLogprobs = lp.putArray("token_logprobs");
        ArrayNode top = lp.putArray("top_logprobs"), textOffset = lp.putArray("text_offset");
        for (int i = echo ? 0 : prompt.length; i < all.length; i++) {
            tokens.add(texts.get(i));
            textOffset.add(offsets[i]);
            if (i == 0) {
                tokenLogprobs.addNull();
                top.addNull();
                continue;
            }
            TokenScore s = scores.get(i - 1);
            tokenLogprobs.add(s.logprob());
            ObjectNode alternatives = top.addObject();
            int[] ids = s.topTokens();
            double[] lps = s.topLogprobs();
            for (int k = 0; k < ids.length; k++) putBest(alternatives, text(ids[k]), lps[k]);
            putBest(alternatives, texts.get(i), s.logprob());
        }
        return lp;
    }

    /**
     * Where each token starts, in characters of the echoed text (the prompt as sent, then the
     * generated text). A SentencePiece vocabulary adds a leading space to the prompt's first word
     * that the prompt does not have; offsets are shifted back by it so they point into the prompt.
     */
    private static int[] textOffsets(List<String> texts, int promptTokens, String promptText) {
        String decoded = String.join("", texts.subList(0, promptTokens));
        int shift = decoded.endsWith(promptText) ? length(decoded) - length(promptText) : 0;
        int[] offsets = new int[texts.size()];
        int at = 0;
        for (int i = 0; i < texts.size(); i++) {
            offsets[i] = i < promptTokens ? Math.max(0, at - shift) : at - shift;
            at += length(texts.get(i));
        }
        return offsets;
    }

    /** Two tokens can share a text (say, two control tokens that render as nothing): keep the likelier. */
    private static void putBest(ObjectNode alternatives, String text, double logprob) {
        if (!alternatives.has(text) || alternatives.get(text).asDouble() < logprob) alternatives.put(text, logprob);
    }

    private List<String> texts(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(text(id));
        return out;
    }

    private String text(int id) {
        return new String(engine.tokenizer().tokenBytes(id, false), StandardCharsets.UTF_8);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static List<String> stops(JsonNode body) {
        JsonNode stop = body.path("stop");
        if (stop.isTextual()) return List.of(stop.asText());
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) if (!s.asText().isEmpty()) out.add(s.asText());
        return out;
    }

    private static String finishReason(Generation g) {
        return g == null || g.stopReason() == StopReason.STOP_STRING || g.stopReason() == StopReason.END_OF_GENERATION ? "stop" : "length";
    }

    private static ObjectNode answer(String object, JsonNode request, ObjectNode choice) {
        ObjectNode a = JSON.createObjectNode().put("id", "test-" + System.nanoTime()).put("object", object).put("model", request.path("model").asText());
        a.putArray("choices").add(choice);
        return a;
    }

    private static ObjectNode error(String message) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("message", message == null ? "error" : message).put("type", "invalid_request_error");
        return e;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: nobody is left to answer
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
        threads.close();
    }
}
