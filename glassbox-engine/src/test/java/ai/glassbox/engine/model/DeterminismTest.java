package ai.glassbox.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.kernel.KernelProvider;
import ai.glassbox.engine.kernel.Kernels;
import ai.glassbox.engine.kernel.ScalarKernels;
import ai.glassbox.testkit.Shared;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A prompt's logits are bit-identical for every thread count, prompt batch size, token-by-token
 * decoding and kernel implementation, for every architecture and tensor type in ../shared/models.
 */
class DeterminismTest {
    private static final int PROMPT_LENGTH = 40;

    static Stream<String> models() {
        return Stream.of(
                "stories260K.gguf", "stories260K-Q8_0-ffndownF32.gguf",
                "tiny-llama-F32.gguf", "tiny-llama-Q8_0.gguf", "tiny-llama-Q4_0.gguf", "tiny-llama-Q4_K.gguf", "tiny-llama-Q6_K.gguf",
                "tiny-qwen2-F32.gguf", "tiny-qwen2-Q8_0.gguf", "tiny-qwen2-Q4_0.gguf", "tiny-qwen2-Q4_K.gguf", "tiny-qwen2-Q6_K.gguf",
                "tiny-qwen3-F32.gguf", "tiny-qwen3-Q8_0.gguf", "tiny-qwen3-Q4_0.gguf");
    }

    /** A run configuration: threads, prompt batch size, kernels. */
    record Variant(String name, int threads, int batch, Kernels kernels) {}

    static List<Variant> variants() {
        var v = new ArrayList<Variant>();
        Kernels k = KernelProvider.kernels();
        for (int threads : new int[] {1, 2, 4}) {
            for (int batch : new int[] {1, 7, 32, 512}) v.add(new Variant("threads=" + threads + " batch=" + batch, threads, batch, k));
        }
        v.addAll(KernelVariants.all());
        System.out.println("determinism: vector width " + System.getProperty("glassbox.vector.bits", "preferred") + ", kernels " + k.getClass().getSimpleName());
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void logitsAreBitIdenticalAcrossThreadsBatchesAndKernels(String modelFile) {
        int[] prompt = prompt(modelFile);
        // the scalar kernels define the canonical results; the JVM's vector kernels must reproduce them
        int[][] reference = logitBits(modelFile, new Variant("reference", 1, 512, new ScalarKernels()), prompt);
        for (Variant v : variants()) {
            int[][] got = logitBits(modelFile, v, prompt);
            for (int pos = 0; pos < prompt.length; pos++) {
                for (int i = 0; i < reference[pos].length; i++) {
                    if (reference[pos][i] != got[pos][i]) {
                        assertEquals(reference[pos][i], got[pos][i], modelFile + " " + v.name() + ": logit " + i + " at position " + pos + " differs");
                    }
                }
            }
        }
        // token-by-token decode equals the batched prompt
        int[][] stepwise = stepwiseLogitBits(modelFile, prompt);
        for (int pos = 0; pos < prompt.length; pos++) {
            for (int i = 0; i < reference[pos].length; i++) {
                if (reference[pos][i] != stepwise[pos][i]) {
                    assertEquals(reference[pos][i], stepwise[pos][i], modelFile + " decode: logit " + i + " at position " + pos + " differs");
                }
            }
        }
    }

    private static int[] prompt(String modelFile) {
        int[] p = new int[PROMPT_LENGTH];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) p[i] = 3 + (i * 37) % 500;
        return p;
    }

    private static int[][] logitBits(String modelFile, Variant v, int[] prompt) {
        try (Model m = Model.open(GgufFile.open(Shared.model(modelFile)), v.threads(), v.kernels())) {
            Session s = m.newSession(64, v.batch());
            int[][] out = new int[prompt.length][];
            s.processAll(prompt, 0, prompt.length, (pos, logits) -> out[pos] = bits(logits));
            return out;
        }
    }

    private static int[][] stepwiseLogitBits(String modelFile, int[] prompt) {
        try (Model m = Model.open(GgufFile.open(Shared.model(modelFile)), 2, KernelProvider.kernels())) {
            Session s = m.newSession(64, 1);
            int[][] out = new int[prompt.length][];
            float[] logits = new float[m.config().vocabSize()];
            for (int i = 0; i < prompt.length; i++) {
                s.process(prompt, i, 1, logits);
                out[i] = bits(logits);
            }
            return out;
        }
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
        return b;
    }
}
