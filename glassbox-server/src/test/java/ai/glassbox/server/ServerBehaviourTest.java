package ai.glassbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.DecodeLoop;
import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code glassbox serve} under load and faults, through a real HTTP client and raw sockets. */
class ServerBehaviourTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

    static GlassboxServer serve(int parallel, int queue, ServerOptions options) {
        Engine engine = Engine.load(Shared.model("stories260K.gguf"), new EngineOptions(2, 512, 32));
        return GlassboxServer.start(List.of(ServedModel.of("stories", engine, parallel, queue, 0)), options);
    }

    static Answer post(GlassboxServer server, String path, String body) throws Exception {
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (Exception e) {
            n = JSON.nullNode();
        }
        return new Answer(r.statusCode(), n, r);
    }

    private static String chat(String user, int maxTokens, String extra) {
        return "{\"model\":\"stories\",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(user) + "}],\"max_tokens\":" + maxTokens + extra + "}";
    }

    /** Blocks the model's decode loop until the returned latch is released. */
    private static CountDownLatch blockLoop(DecodeLoop loop, CountDownLatch entered) {
        var gate = new CountDownLatch(1);
        loop.submit(new int[] {1, 5}, GenerationRequest.greedy(3), new GenerationListener() {
            @Override
            public void onText(String text) {}

            @Override
            public boolean onToken(int step, int token, float[] logits) {
                entered.countDown();
                try {
                    gate.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
        });
        return gate;
    }

    @Test
    void aRequestGetsTheSameTokensAndLogprobsAloneAndAmongSevenOthers() throws Exception {
        try (GlassboxServer server = serve(8, 16, ServerOptions.loopback(0))) {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String sampling = i % 2 == 0 ? ",\"temperature\":0" : ",\"temperature\":0.9,\"seed\":" + (40 + i);
                bodies.add(chat("Story number " + i + ": once upon a time", 20 + 5 * i, sampling + ",\"logprobs\":true,\"top_logprobs\":2"));
            }
            List<JsonNode> alone = new ArrayList<>();
            for (String b : bodies) {
                Answer a = post(server, "/v1/chat/completions", b);
                assertEquals(200, a.status(), a.raw().body());
                alone.add(a.body().path("choices").get(0));
            }
            try (var pool = Executors.newFixedThreadPool(8)) {
                List<Future<Answer>> together = new ArrayList<>();
                for (String b : bodies) together.add(pool.submit(() -> post(server, "/v1/chat/completions", b)));
                for (int i = 0; i < 8; i++) {
                    Answer a = together.get(i).get(120, TimeUnit.SECONDS);
                    assertEquals(200, a.status());
                    JsonNode choice = a.body().path("choices").get(0);
                    assertEquals(alone.get(i).path("message"), choice.path("message"), "request " + i + ": text");
                    assertEquals(alone.get(i).path("logprobs"), choice.path("logprobs"), "request " + i + ": tokens and logprobs");
                    assertTrue(choice.path("logprobs").path("content").size() > 0);
                }
            }
        }
    }

    @Test
    void aFullQueueGets429WithRetryAfter() throws Exception {
        try (GlassboxServer server = serve(1, 0, ServerOptions.loopback(0))) {
            var entered = new CountDownLatch(1);
            CountDownLatch gate = blockLoop(server.models().getFirst().loop(), entered);
            try {
                assertTrue(entered.await(30, TimeUnit.SECONDS));
                Answer a = post(server, "/v1/chat/completions", chat("hi", 5, ""));
                assertEquals(429, a.status(), a.raw().body());
                assertEquals("1", a.raw().headers().firstValue("Retry-After").orElseThrow());
                assertEquals("rate_limit_error", a.body().path("error").path("type").asText());
            } finally {
                gate.countDown();
            }
            DecodeLoop loop = server.models().getFirst().loop();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (loop.activeCount() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(200, post(server, "/v1/chat/completions", chat("hi", 5, "")).status(), "served again once the loop is free");
        }
    }

    @Test
    void aSlowRequestTimesOutAndIsCancelled() throws Exception {
        try (GlassboxServer server = serve(2, 4, ServerOptions.loopback(0).withRequestTimeout(Duration.ofMillis(500)))) {
            var entered = new CountDownLatch(1);
            CountDownLatch gate = blockLoop(server.models().getFirst().loop(), entered);
            try {
                assertTrue(entered.await(30, TimeUnit.SECONDS));
                Answer a = post(server, "/v1/chat/completions", chat("hi", 50, ""));
                assertEquals(408, a.status(), a.raw().body());
                assertTrue(a.body().path("error").path("message").asText().contains("timeout"), a.raw().body());
            } finally {
                gate.countDown();
            }
            assertTrue(metric(server, "glassbox_cancelled_generations_total") >= 1);
        }
    }

    @Test
    void aClientThatDisconnectsCancelsItsGeneration() throws Exception {
        try (GlassboxServer server = serve(2, 4, ServerOptions.loopback(0))) {
            DecodeLoop loop = server.models().getFirst().loop();
            String body = chat("Once upon a time", 400, ",\"stream\":true,\"temperature\":0");
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(b);
                out.flush();
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) if (line.startsWith("data: ")) break;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (metric(server, "glassbox_cancelled_generations_total") < 1 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(1, metric(server, "glassbox_cancelled_generations_total"));
            while (loop.activeCount() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(0, loop.activeCount());
        }
    }

    @Test
    void healthMetricsAndPlainErrors() throws Exception {
        try (GlassboxServer server = serve(2, 4, ServerOptions.loopback(0).withMaxRequestBytes(4096))) {
            var health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok", JSON.readTree(health.body()).path("status").asText());

            Answer malformed = post(server, "/v1/chat/completions", "{\"model\": \"stories\", \"messages\": [");
            assertEquals(400, malformed.status());
            assertTrue(malformed.body().path("error").path("message").asText().contains("line 1"), malformed.raw().body());

            Answer big = post(server, "/v1/chat/completions", chat("x".repeat(10_000), 5, ""));
            assertEquals(413, big.status(), big.raw().body());

            Answer role = post(server, "/v1/chat/completions", "{\"model\":\"stories\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}");
            assertEquals(400, role.status());
            assertEquals("messages[0].role", role.body().path("error").path("param").asText());

            Answer route = post(server, "/v1/embeddings", "{}");
            assertEquals(404, route.status());

            assertEquals(200, post(server, "/v1/completions", "{\"model\":\"stories\",\"prompt\":\"The dog\",\"max_tokens\":4}").status());
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("glassbox_requests_total{endpoint=\"completions\",status=\"200\"} 1"), metrics);
            assertTrue(metrics.contains("glassbox_requests_total{endpoint=\"chat/completions\",status=\"400\"} 2"), metrics);
            assertTrue(metric(server, "glassbox_completion_tokens_total") >= 1);
            assertTrue(metrics.contains("glassbox_time_to_first_token_seconds_count 1"), metrics);
        }
    }

    @Test
    void aStreamedCompletionOfNoTokensGeneratesNone() throws Exception {
        try (GlassboxServer server = serve(1, 2, ServerOptions.loopback(0))) {
            Answer a = post(server, "/v1/completions", "{\"model\":\"stories\",\"prompt\":\"The dog\",\"max_tokens\":0,\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}}");
            assertEquals(200, a.status(), a.raw().body());
            List<String> events = a.raw().body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
            assertEquals(3, events.size(), a.raw().body());
            JsonNode finish = JSON.readTree(events.get(0)).path("choices").path(0);
            assertEquals("", finish.path("text").asText());
            assertEquals("length", finish.path("finish_reason").asText());
            JsonNode usage = JSON.readTree(events.get(1)).path("usage");
            assertEquals(0, usage.path("completion_tokens").asInt(-1));
            assertTrue(usage.path("prompt_tokens").asInt() > 0, events.get(1));
            assertEquals("[DONE]", events.get(2));
            assertEquals(0, metric(server, "glassbox_completion_tokens_total"));
        }
    }

    @Test
    void aBrokenChunkedBodyIsABadRequestAndAnOversizedOneTooLarge() throws Exception {
        try (GlassboxServer server = serve(1, 2, ServerOptions.loopback(0).withMaxRequestBytes(4096))) {
            String head = "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            String broken = head + "zz\r\n{}\r\n0\r\n\r\n";
            assertEquals(400, rawStatus(server, broken));
            String piece = "x".repeat(1000);
            String oversized = head + (Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n").repeat(6) + "0\r\n\r\n";
            assertEquals(413, rawStatus(server, oversized));
        }
    }

    private static int rawStatus(GlassboxServer server, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 "), String.valueOf(status));
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void thinkingComesBackAsReasoningContent() throws Exception {
        Engine engine = Engine.load(Shared.model("stories260K.gguf"), new EngineOptions(1, 512, 32));
        String template = "{% for m in messages %}{{ m.content }}{% endfor %}{% if add_generation_prompt %} She thought: <think>{% endif %}";
        var model = ServedModel.of("stories", engine, 2, 4, 0).withChatTemplate(template);
        try (GlassboxServer server = GlassboxServer.start(List.of(model), ServerOptions.loopback(0))) {
            Answer a = post(server, "/v1/chat/completions", chat("Once upon a time", 12, ",\"temperature\":0"));
            assertEquals(200, a.status(), a.raw().body());
            JsonNode message = a.body().path("choices").get(0).path("message");
            assertTrue(message.path("reasoning_content").asText().length() > 0, a.raw().body());
            assertEquals("", message.path("content").asText(), "no </think> was generated, so everything is reasoning");
        }
    }

    static long metric(GlassboxServer server, String name) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) if (line.startsWith(name + " ")) return (long) Double.parseDouble(line.substring(name.length() + 1));
        throw new AssertionError(name + " missing from /metrics");
    }

}
