package ai.glassbox.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.gguf.TensorInfo;
import ai.glassbox.engine.tensor.Dequantizer;
import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticModelTest {
    @TempDir
    Path dir;

    /** A synthetic model of the tiny models' shape has their tensor names, shapes, types and metadata keys. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"llama, Q8_0, 32", "llama, Q4_K, 32", "qwen2, Q4_0, 32", "qwen2, Q6_K, 32", "qwen3, Q8_0, 64", "qwen3, F32, 64"})
    void matchesTheLayoutOfLlamaCppsTinyModel(String arch, GgmlType type, int headDim) {
        var spec = new SyntheticModel.Spec(arch, 256, 4, 8, 4, 768, headDim, 512, type, 42, Shared.model("stories260K.gguf"));
        Path out = dir.resolve("synth.gguf");
        SyntheticModel.write(spec, out);
        try (var ours = GgufFile.open(out); var ref = GgufFile.open(Shared.model("tiny-" + arch + "-" + type + ".gguf"))) {
            assertEquals(layout(ref), layout(ours));
            // tokenizer.* comes from the vocabulary source (stories260K has no add_bos/eos keys, the tiny models do)
            assertEquals(modelKeys(ref), modelKeys(ours));
            try (var vocab = GgufFile.open(Shared.model("stories260K.gguf"))) {
                assertEquals(tokenizerKeys(vocab), tokenizerKeys(ours));
            }
            for (String key : modelKeys(ref)) {
                if (key.equals("general.name")) continue;
                var a = ref.metadata().get(key).orElseThrow();
                var b = ours.metadata().get(key).orElseThrow();
                assertEquals(a.type(), b.type(), key);
                if (!(a.value() instanceof ai.glassbox.engine.gguf.GgufArray)) assertEquals(a.value(), b.value(), key);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndWeightsHaveTheRequestedSpread() throws IOException {
        var spec = new SyntheticModel.Spec("llama", 128, 2, 4, 2, 384, 32, 256, GgmlType.F32, 7, Shared.model("stories260K.gguf"));
        Path a = dir.resolve("a.gguf"), b = dir.resolve("b.gguf");
        SyntheticModel.write(spec, a);
        SyntheticModel.write(spec, b);
        assertEquals(-1L, Files.mismatch(a, b));
        try (var f = GgufFile.open(a)) {
            TensorInfo t = f.tensor("blk.0.ffn_down.weight").orElseThrow();
            float[] w = Dequantizer.dequantize(t.type(), f.data(t));
            double sum = 0, sq = 0;
            for (float v : w) {
                sum += v;
                sq += v * v;
            }
            double mean = sum / w.length, std = Math.sqrt(sq / w.length - mean * mean);
            assertEquals(1 / Math.sqrt(384), std, 0.02 / Math.sqrt(384), "std of N(0, 1/sqrt(n_in))");
            assertEquals(0, mean, 0.01 / Math.sqrt(384));
            float[] norm = Dequantizer.dequantize(GgmlType.F32, f.data(f.tensor("output_norm.weight").orElseThrow()));
            for (float v : norm) assertEquals(1f, v);
        }
        var other = new SyntheticModel.Spec("llama", 128, 2, 4, 2, 384, 32, 256, GgmlType.F32, 8, Shared.model("stories260K.gguf"));
        SyntheticModel.write(other, b);
        assertTrue(Files.mismatch(a, b) >= 0);
    }

    @Test
    void rowsThatDoNotDivideIntoBlocksFallBackLikeLlamaQuantize() {
        assertEquals(GgmlType.Q5_0, SyntheticModel.typeForRowLength(GgmlType.Q4_K, 768 + 32));
        assertEquals(GgmlType.Q8_0, SyntheticModel.typeForRowLength(GgmlType.Q6_K, 96));
        assertEquals(GgmlType.F16, SyntheticModel.typeForRowLength(GgmlType.Q5_K, 172));
        assertEquals(GgmlType.F16, SyntheticModel.typeForRowLength(GgmlType.Q8_0, 172));
        assertEquals(GgmlType.Q4_0, SyntheticModel.typeForRowLength(GgmlType.Q4_0, 64));
    }

    private static TreeSet<String> modelKeys(GgufFile f) {
        var keys = new TreeSet<>(f.metadata().entries().keySet());
        keys.removeIf(k -> k.startsWith("tokenizer."));
        return keys;
    }

    private static java.util.List<String> tokenizerKeys(GgufFile f) {
        return f.metadata().entries().keySet().stream().filter(k -> k.startsWith("tokenizer.")).toList();
    }

    private static Map<String, String> layout(GgufFile f) {
        var m = new TreeMap<String, String>();
        for (TensorInfo t : f.tensors().values()) m.put(t.name(), t.type() + java.util.Arrays.toString(t.shape()));
        return m;
    }
}
