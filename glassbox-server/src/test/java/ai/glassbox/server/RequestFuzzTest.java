package ai.glassbox.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No request body gets a 5xx: valid requests mutated at random (fields dropped, retyped, set to
 * extremes, bodies truncated or garbled) are answered 2xx, or 4xx with an error object.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 400;
    private GlassboxServer server;

    @BeforeAll
    void start() {
        server = ServerBehaviourTest.serve(4, 64, ServerOptions.loopback(0).withMaxRequestBytes(1 << 16));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static ObjectNode chat() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"model":"stories","messages":[{"role":"system","content":"Tell stories."},{"role":"user","content":[{"type":"text","text":"Once"}]}],
                 "max_tokens":6,"temperature":0.7,"top_p":0.9,"seed":3,"stop":["\\n"],"logprobs":true,"top_logprobs":2,"stream":false,"n":1}""");
    }

    private static ObjectNode completion() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"model":"stories","prompt":"The little dog","max_tokens":4,"echo":true,"logprobs":2,"temperature":0,"stop":"."}""");
    }

    private static final JsonNode[] WEIRD = {
        JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("\u0000\uFFFF\uD83D\uDE00"),
        JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(Long.MAX_VALUE),
        JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.numberNode(-0.5), JsonNodeFactory.instance.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
        JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
        JsonNodeFactory.instance.arrayNode().add(1).add(-5).add(999999), JsonNodeFactory.instance.textNode("x".repeat(3000)),
    };

    @Test
    void noBodyGetsA5xx() throws Exception {
        var random = new SplittableRandom(20261202);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String body = mutate(random.nextBoolean() ? chat() : completion(), random);
            String path = body.contains("\"messages\"") ? "/v1/chat/completions" : "/v1/completions";
            if (random.nextInt(10) == 0) path = random.nextBoolean() ? "/v1/chat/completions" : "/v1/completions";
            var answer = ServerBehaviourTest.post(server, path, body);
            boolean ok = answer.status() < 300 || (answer.status() < 500 && answer.body().path("error").path("message").isTextual());
            if (!ok) failures.add(answer.status() + " for " + path + " " + abbreviate(body) + " -> " + abbreviate(answer.raw().body()));
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, first: " + (failures.isEmpty() ? "" : failures.getFirst()));
        assertTrue(ServerBehaviourTest.metric(server, "glassbox_completion_tokens_total") > 0, "some mutated requests were still valid and answered");
    }

    private static String mutate(ObjectNode body, SplittableRandom r) throws Exception {
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<ObjectNode> objects = new ArrayList<>();
            collect(body, objects);
            ObjectNode target = objects.get(r.nextInt(objects.size()));
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) names.add(it.next());
            if (names.isEmpty()) continue;
            String name = names.get(r.nextInt(names.size()));
            switch (r.nextInt(4)) {
                case 0 -> target.remove(name);
                case 1 -> target.set(name, WEIRD[r.nextInt(WEIRD.length)]);
                case 2 -> target.set("unknown_" + name, WEIRD[r.nextInt(WEIRD.length)]);
                default -> {
                    JsonNode v = target.get(name);
                    if (v.isArray() && !v.isEmpty()) ((ArrayNode) v).set(r.nextInt(v.size()), WEIRD[r.nextInt(WEIRD.length)]);
                    else target.set(name, WEIRD[r.nextInt(WEIRD.length)]);
                }
            }
        }
        String text = JSON.writeValueAsString(body);
        return switch (r.nextInt(8)) {
            case 0 -> text.substring(0, r.nextInt(text.length()));
            case 1 -> {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                yield new String(b, StandardCharsets.ISO_8859_1);
            }
            case 2 -> "[".repeat(5000);
            default -> text;
        };
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) out.add(o);
        for (JsonNode c : n) collect(c, out);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
