package ai.glassbox.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every case of every reference file in {@code golden/chat-templates} and compares with
 * llama.cpp's output byte for byte (or expects the same error where llama.cpp reported one).
 */
class ChatTemplateGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, int[]> PASSES = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> everyReferenceCaseRendersExactlyAsLlamaCpp() throws IOException {
        Path dir = Shared.golden("chat-templates");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("SUMMARY.json"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 13, "expected the 13 reference files in " + dir);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            JsonNode root = Shared.json(file);
            String name = file.getFileName().toString().replace(".json", "");
            ChatTemplate template = ChatTemplate.parse(read(dir.resolve(root.get("template_text_file").asText())));
            RenderOptions base = RenderOptions.defaults()
                    .withTokens(root.get("bos_token").asText(), root.get("eos_token").asText())
                    .withDate(LocalDate.parse(root.get("date").asText()))
                    .withStripLeadingBos(root.get("vocab_add_bos").asBoolean())
                    // llama.cpp's server passes enable_thinking=true unless told otherwise.
                    .withVariable("enable_thinking", true);
            PASSES.put(name, new int[2]);
            for (JsonNode c : root.get("cases")) {
                boolean agp = c.get("add_generation_prompt").asBoolean();
                String label = name + " / " + c.get("case").asText() + " / add_generation_prompt=" + agp;
                tests.add(DynamicTest.dynamicTest(label, () -> check(name, template, base.withAddGenerationPrompt(agp), c)));
            }
        }
        return tests.stream();
    }

    private static void check(String name, ChatTemplate template, RenderOptions options, JsonNode c) {
        int[] counts = PASSES.get(name);
        counts[1]++;
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : c.get("messages")) messages.add(message(m));
        JsonNode error = c.get("server_error");
        if (error != null && !error.isNull()) {
            TemplateRaisedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    TemplateRaisedException.class, () -> template.render(messages, options));
            assertTrue(error.asText().contains(e.templateMessage()), () -> "expected " + error + " but got " + e.getMessage());
        } else {
            assertEquals(c.get("rendered_prompt").asText(), template.render(messages, options));
        }
        counts[0]++;
    }

    @SuppressWarnings("unchecked")
    private static ChatMessage message(JsonNode m) {
        Map<String, Object> fields = JSON.convertValue(m, Map.class);
        ChatMessage msg = ChatMessage.of((String) fields.remove("role"), (String) fields.remove("content"));
        Object reasoning = fields.remove("reasoning_content");
        if (reasoning instanceof String r) msg = msg.withReasoningContent(r);
        Object calls = fields.remove("tool_calls");
        if (calls instanceof List<?> l) msg = msg.withToolCalls((List<Map<String, Object>>) l);
        for (var e : fields.entrySet()) msg = msg.withExtra(e.getKey(), e.getValue());
        return msg;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("chat-template golden pass counts:\n");
        PASSES.forEach((k, v) -> sb.append(String.format("  %-50s %2d/%2d%n", k, v[0], v[1])));
        System.out.print(sb);
    }
}
