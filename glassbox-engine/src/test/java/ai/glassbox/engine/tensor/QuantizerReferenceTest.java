package ai.glassbox.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.gguf.TensorInfo;
import ai.glassbox.testkit.Shared;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Checks our encoders and decoder against the tensors llama.cpp wrote into the shared tiny models. */
class QuantizerReferenceTest {

    /**
     * Re-quantizes every 2-D F32 weight of tiny-{arch}-F32.gguf and compares with llama.cpp's
     * tiny-{arch}-{type}.gguf block by block. The reference quantizers are deterministic, so every
     * block should match.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"llama, Q8_0", "llama, Q4_0", "llama, Q4_K", "llama, Q6_K", "qwen2, Q8_0", "qwen2, Q4_0", "qwen2, Q4_K", "qwen2, Q6_K", "qwen3, Q8_0", "qwen3, Q4_0"})
    void requantizingF32WeightsReproducesLlamaCppBlocks(String arch, GgmlType type) {
        long blocks = 0, identical = 0;
        try (var f32 = GgufFile.open(Shared.model("tiny-" + arch + "-F32.gguf"));
                var q = GgufFile.open(Shared.model("tiny-" + arch + "-" + type + ".gguf"))) {
            for (TensorInfo ref : q.tensors().values()) {
                if (ref.type() != type) continue;
                TensorInfo src = f32.tensor(ref.name()).orElseThrow();
                float[] x = f32.data(src).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED);
                byte[] ours = Quantizer.quantize(type, x);
                byte[] theirs = q.data(ref).toArray(ValueLayout.JAVA_BYTE);
                int bpb = type.bytesPerBlock();
                for (int b = 0; b < ours.length / bpb; b++) {
                    blocks++;
                    if (Arrays.equals(ours, b * bpb, (b + 1) * bpb, theirs, b * bpb, (b + 1) * bpb)) identical++;
                }
            }
        }
        System.out.printf("requantize tiny-%s %s: %d of %d blocks identical (%.4f%%)%n", arch, type, identical, blocks, 100.0 * identical / blocks);
        assertTrue(blocks > 0);
        assertEquals(blocks, identical, "blocks differing from llama.cpp's " + type);
    }

    /** Q8_0 stores round(x / d) with d = amax / 127, so each decoded value is within d/2 of the original. */
    @Test
    void dequantizedQ8_0ModelMatchesF32ModelWithinHalfAStep() {
        try (var f32 = GgufFile.open(Shared.model("tiny-llama-F32.gguf"));
                var q8 = GgufFile.open(Shared.model("tiny-llama-Q8_0.gguf"))) {
            int tensors = 0;
            for (TensorInfo t : q8.tensors().values()) {
                float[] x = f32.data(f32.tensor(t.name()).orElseThrow()).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED);
                float[] y = Dequantizer.dequantize(t.type(), q8.data(t));
                assertEquals(x.length, y.length, t.name());
                if (t.type() == GgmlType.F32) {
                    assertTrue(Arrays.equals(x, y), t.name());
                    continue;
                }
                tensors++;
                for (int b = 0; b < x.length / 32; b++) {
                    float amax = 0;
                    for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[b * 32 + j]));
                    // half a step, plus the fp16 rounding of d applied to the largest level (127 * 2^-11 * d)
                    float tol = amax / 127 * (0.5f + 127f / 2048f) + Math.ulp(amax);
                    for (int j = 0; j < 32; j++) {
                        int i = b * 32 + j;
                        final int fi = i;
                        assertTrue(Math.abs(x[i] - y[i]) <= tol, () -> t.name() + "[" + fi + "]: " + x[fi] + " vs " + y[fi]);
                    }
                }
            }
            assertTrue(tensors > 20);
        }
    }
}
