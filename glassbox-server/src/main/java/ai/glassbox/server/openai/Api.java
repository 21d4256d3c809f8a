package ai.glassbox.server.openai;

import ai.glassbox.server.Metrics;
import ai.glassbox.server.ServerOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The routes: {@code /v1/models}, {@code /v1/chat/completions}, {@code /v1/completions},
 * {@code /health} and {@code /metrics}. Every failure is an OpenAI-style error object; bad input
 * is a 4xx naming the field, never a 5xx.
 */
public final class Api {
    private static final Logger LOG = Logger.getLogger(Api.class.getName());

    /** A handler of a parsed JSON body. */
    @FunctionalInterface
    private interface JsonHandler {
        void handle(Fields body, ServerResponse res) throws Exception;
    }

    private final Models models;
    private final Metrics metrics;
    private final ServerOptions options;
    private final ChatCompletions chat;
    private final Completions completions;
    private final List<byte[]> keyDigests;

    public Api(Models models, Metrics metrics, ServerOptions options) {
        this.models = models;
        this.metrics = metrics;
        this.options = options;
        this.chat = new ChatCompletions(models, metrics, options.requestTimeout());
        this.completions = new Completions(models, metrics, options.requestTimeout());
        this.keyDigests = options.apiKeys().stream().map(Api::sha256).toList();
    }

    public void routing(HttpRouting.Builder routing) {
        routing.get("/health", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send("{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII));
        });
        routing.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
        });
        routing.get("/v1/models", (req, res) -> guarded("models", req, res, () -> models.list(req, res)));
        routing.post("/v1/chat/completions", (req, res) -> json("chat/completions", req, res, chat::handle));
        routing.post("/v1/completions", (req, res) -> json("completions", req, res, completions::handle));
        routing.any((req, res) -> guarded("unknown", req, res, () -> {
            throw ApiException.notFound(null, "no route " + req.prologue().method().text() + " " + req.path().path());
        }));
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private void json(String endpoint, ServerRequest req, ServerResponse res, JsonHandler handler) {
        guarded(endpoint, req, res, () -> handler.handle(Json.parse(body(req)), res));
    }

    /** Authenticates, runs, and turns every failure into an error object; counts the request. */
    private void guarded(String endpoint, ServerRequest req, ServerResponse res, Body body) {
        long t0 = System.nanoTime();
        try {
            authenticate(req);
            body.run();
        } catch (ApiException e) {
            if (e.status() == 408) metrics.cancelled();
            fail(res, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(res, ApiException.unavailable("the server is shutting down"));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "request to /v1/" + endpoint + " failed", e);
            try {
                if (!res.isSent()) {
                    res.status(Status.INTERNAL_SERVER_ERROR_500);
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(("{\"error\":{\"message\":\"internal error: " + e.getClass().getSimpleName() + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}").getBytes(StandardCharsets.UTF_8));
                }
            } catch (RuntimeException streaming) {
                // a streamed answer already started: the connection is all that is left to close
            }
        } finally {
            metrics.request(endpoint, res.status().code(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void fail(ServerResponse res, ApiException e) {
        if (res.isSent()) return;
        try {
            res.status(e.status());
            e.retryAfterSeconds().ifPresent(s -> res.header(HeaderNames.RETRY_AFTER, s));
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(Json.error(e));
        } catch (IllegalStateException streaming) {
            // a streamed answer already started; its error went out as an event
        }
    }

    private byte[] body(ServerRequest req) {
        long limit = options.maxRequestBytes();
        try (InputStream in = req.content().inputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (b.length > limit) throw ApiException.tooLarge("the request body is larger than " + limit + " bytes");
            return b;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw ApiException.badRequest("unreadable request body: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // the transport's chunk parser rejects a malformed chunk size this way
            throw ApiException.badRequest("malformed chunked request body: " + e.getMessage());
        } catch (io.helidon.http.RequestException e) {
            // the server's own limit on entity size surfaces as a 413; anything else (a broken
            // chunked encoding, a body cut short) is the request's fault, not its size's
            if (e.status().code() == io.helidon.http.Status.REQUEST_ENTITY_TOO_LARGE_413_CODE) {
                throw ApiException.tooLarge("the request body is larger than " + limit + " bytes");
            }
            throw ApiException.badRequest("unreadable request body: " + e.getMessage());
        }
    }

    /** Constant time: digests of equal length are compared with {@link MessageDigest#isEqual}. */
    private void authenticate(ServerRequest req) {
        if (keyDigests.isEmpty()) return;
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        String key = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        byte[] d = sha256(key);
        boolean ok = false;
        for (byte[] k : keyDigests) ok |= MessageDigest.isEqual(k, d);
        if (!ok) throw ApiException.unauthorized();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
