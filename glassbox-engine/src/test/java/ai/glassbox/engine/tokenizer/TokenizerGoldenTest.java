package ai.glassbox.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * llama-server's {@code /tokenize} and {@code /detokenize} answers in {@code shared/golden}: the
 * server parses special tokens, and {@code add_special} adds BOS where the vocabulary asks for it.
 */
class TokenizerGoldenTest {
    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicContainer> serverTokenizeAndDetokenizeMatchEveryGoldenModel() {
        return goldenFiles().stream().map(file -> {
            JsonNode ref = Shared.json(file);
            String model = ref.get("model").asText();
            List<DynamicTest> tests = new ArrayList<>();
            int index = 0;
            for (JsonNode t : ref.get("tokenize")) {
                String name = model + " #" + index++ + " " + TokenizerConformanceTest.quoted(t.get("prompt").asText());
                tests.add(DynamicTest.dynamicTest(name, () -> checkCase(tokenizer(model), t, name)));
            }
            return DynamicContainer.dynamicContainer(file.getParent().getFileName().toString(), tests);
        });
    }

    private static void checkCase(Tokenizer tok, JsonNode t, String name) {
        String prompt = t.get("prompt").asText();
        JsonNode noSpecial = t.get("response_no_special").get("tokens");
        int[] expectedIds = new int[noSpecial.size()];
        for (int i = 0; i < expectedIds.length; i++) expectedIds[i] = noSpecial.get(i).get("id").asInt();
        assertArrayEquals(expectedIds, tok.encode(prompt, false, true), () -> name + " add_special:false");
        assertArrayEquals(ids(t.get("response_add_special").get("tokens")), tok.encode(prompt, true, true), () -> name + " add_special:true");
        for (JsonNode p : noSpecial) {
            // the server gives a piece as text when it is valid UTF-8, else as its bytes
            JsonNode piece = p.get("piece");
            byte[] bytes = tok.tokenBytes(p.get("id").asInt());
            if (piece.isTextual()) assertEquals(piece.asText(), new String(bytes, StandardCharsets.UTF_8), () -> name + " piece of " + p);
            else assertArrayEquals(unsignedBytes(piece), bytes, () -> name + " bytes of " + p);
        }
        assertEquals(t.get("response_detokenize").get("content").asText(), tok.decode(ids(t.get("request_detokenize").get("tokens"))), () -> name + " detokenize");
    }

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = array.get(i).asInt();
        return ids;
    }

    private static byte[] unsignedBytes(JsonNode array) {
        byte[] b = new byte[array.size()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) array.get(i).asInt();
        return b;
    }

    private static Tokenizer tokenizer(String modelFile) {
        return TOKENIZERS.computeIfAbsent(modelFile, m -> {
            try (GgufFile f = GgufFile.open(Shared.model(m))) {
                return Tokenizer.fromGguf(f.metadata());
            }
        });
    }

    private static List<Path> goldenFiles() {
        try (Stream<Path> dirs = Files.list(Shared.root().resolve("golden"))) {
            return dirs.map(d -> d.resolve("server.ref.json")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
