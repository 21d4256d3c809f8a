package ai.glassbox.engine.tokenizer;

import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** llama.cpp's tokenizer test vectors in {@code shared/vocab}, read the way its test-tokenizer-0 reads them. */
final class VocabTestVectors {
    static final List<String> VOCABS = List.of("llama-spm", "llama-bpe", "qwen2", "gpt-2", "deepseek-llm");
    static final List<String> BPE_VOCABS = List.of("llama-bpe", "qwen2", "gpt-2", "deepseek-llm");

    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    record Case(int index, String text, int[] expected) {}

    private VocabTestVectors() {}

    static Tokenizer tokenizer(String vocab) {
        return TOKENIZERS.computeIfAbsent(vocab, v -> {
            try (GgufFile f = GgufFile.open(file(v))) {
                return Tokenizer.fromGguf(f.metadata());
            }
        });
    }

    static Path file(String vocab) {
        return Shared.vocab("ggml-vocab-" + vocab + ".gguf");
    }

    /** Inputs are separated by "\n__ggml_vocab_test__\n"; each output line holds the ids of one input. */
    static List<Case> cases(String vocab) {
        String inp = read(Path.of(file(vocab) + ".inp"));
        List<String> out = read(Path.of(file(vocab) + ".out")).lines().toList();
        String sep = "\n__ggml_vocab_test__\n";
        List<String> inputs = new ArrayList<>();
        for (int pos = 0; pos < inp.length(); ) {
            int next = inp.indexOf(sep, pos);
            if (next < 0) {
                inputs.add(inp.substring(pos));
                break;
            }
            inputs.add(inp.substring(pos, next));
            pos = next + sep.length();
        }
        if (inputs.size() != out.size()) throw new IllegalStateException(vocab + ": " + inputs.size() + " inputs but " + out.size() + " output lines");
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String line = out.get(i).strip();
            int[] ids = line.isEmpty() ? new int[0] : Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray();
            cases.add(new Case(i, inputs.get(i), ids));
        }
        return cases;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
