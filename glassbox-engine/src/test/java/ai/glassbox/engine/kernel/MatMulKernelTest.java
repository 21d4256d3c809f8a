package ai.glassbox.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.glassbox.engine.gguf.GgmlType;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The batched product equals one matVec per token, bit for bit, for both implementations. */
class MatMulKernelTest {
    @BeforeAll
    static void printSeed() {
        System.out.println("MatMulKernelTest seed: -Dglassbox.test.seed=" + RandomBlocks.SEED);
    }

    static Stream<Kernels> implementations() {
        return Stream.of(new ScalarKernels(), new VectorKernels(128), new VectorKernels(256), new VectorKernels(512));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void matMulEqualsMatVecPerTokenForEveryType(Kernels k) {
        SplittableRandom rnd = new SplittableRandom(RandomBlocks.SEED + 7);
        // even and odd numbers of rows from row 1 (rows go a pair at a time, so 9 takes four pairs
        // and the copies ahead of them), token counts with an odd one left over (17: batches of 16
        // or more go through decoded rows, four tokens at a time, with min terms taken for 8
        // tokens per vector, so 17 leaves a partial vector), and more columns than one 256-column
        // chunk
        for (GgmlType type : RandomBlocks.TYPES) for (int rows : new int[] {5, 6, 9, 10}) {
            int cols = type.blockSize() >= 256 ? 2 * type.blockSize() : 9 * 32;
            WeightMatrix w = RandomBlocks.matrix(type, rows, cols, rnd, true);
            for (int count : new int[] {1, 2, 7, 17}) {
                Activations[] acts = new Activations[count];
                float[][] batched = new float[count][rows];
                for (int t = 0; t < count; t++) {
                    acts[t] = new Activations(cols);
                    k.prepare(type, RandomBlocks.activations(cols, rnd), 0, cols, acts[t]);
                }
                k.matMul(w, acts, count, batched, 1, rows);
                for (int t = 0; t < count; t++) {
                    float[] single = new float[rows];
                    k.matVec(w, acts[t], single, 1, 1, rows);
                    for (int r = 1; r < rows; r++) {
                        int tok = t, row = r;
                        assertEquals(Float.floatToRawIntBits(single[r]), Float.floatToRawIntBits(batched[t][r]),
                                () -> k.getClass().getSimpleName() + " " + type + " token=" + tok + " row=" + row + " seed=" + RandomBlocks.SEED);
                    }
                }
            }
        }
    }

    @Test
    void matVecRejectsActivationsPreparedForAnotherFormat() {
        var k = new ScalarKernels();
        WeightMatrix w = RandomBlocks.matrix(GgmlType.Q4_K, 1, 256, new SplittableRandom(1), false);
        Activations act = new Activations(256);
        k.prepare(GgmlType.Q8_0, new float[256], 0, 256, act);
        assertThrows(IllegalArgumentException.class, () -> k.matVec(w, act, new float[1], 0, 0, 1));
    }

    @Test
    void activationsForOneTypeServeAnotherWithTheSameFormat() {
        var k = new VectorKernels(256);
        SplittableRandom rnd = new SplittableRandom(3);
        WeightMatrix q6 = RandomBlocks.matrix(GgmlType.Q6_K, 2, 512, rnd, false);
        float[] x = RandomBlocks.activations(512, rnd);
        Activations viaQ4K = new Activations(512);
        Activations viaQ6K = new Activations(512);
        k.prepare(GgmlType.Q4_K, x, 0, 512, viaQ4K);
        k.prepare(GgmlType.Q6_K, x, 0, 512, viaQ6K);
        float[] a = new float[2], b = new float[2];
        k.matVec(q6, viaQ4K, a, 0, 0, 2);
        k.matVec(q6, viaQ6K, b, 0, 0, 2);
        assertEquals(Float.floatToRawIntBits(a[0]), Float.floatToRawIntBits(b[0]));
        assertEquals(Float.floatToRawIntBits(a[1]), Float.floatToRawIntBits(b[1]));
    }

    @Test
    void reusedBatchBuffersArePreparedAfresh() {
        // a batch's min-term fields are transposed once per batch and reused while the same
        // buffers stay unprepared; preparing them again, with other inputs, must be seen
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_K, GgmlType.Q4_1}) {
            var k = new VectorKernels(256);
            SplittableRandom rnd = new SplittableRandom(11);
            int cols = 512, rows = 4, count = 16;
            WeightMatrix w = RandomBlocks.matrix(type, rows, cols, rnd, false);
            Activations[] acts = new Activations[count];
            for (int t = 0; t < count; t++) acts[t] = new Activations(cols);
            float[][] batched = new float[count][rows];
            for (int round = 0; round < 2; round++) {
                for (int t = 0; t < count; t++) k.prepare(type, RandomBlocks.activations(cols, rnd), 0, cols, acts[t]);
                k.matMul(w, acts, count, batched, 0, rows);
                for (int t = 0; t < count; t++) {
                    float[] single = new float[rows];
                    k.matVec(w, acts[t], single, 0, 0, rows);
                    for (int r = 0; r < rows; r++) {
                        int tok = t, row = r, pass = round;
                        assertEquals(Float.floatToRawIntBits(single[r]), Float.floatToRawIntBits(batched[t][r]),
                                () -> type + " round=" + pass + " token=" + tok + " row=" + row);
                    }
                }
            }
        }
    }

    @Test
    void oneBatchServesKernelsOfEveryWidthInTurn() throws Exception {
        // the transposed fields are padded to whole vectors of the kernel's width: 17 tokens are
        // 20 lanes at 128 bits and 24 at 256 or 512, on the same buffers and thread; a fresh
        // thread, so its per-thread fields are sized for this batch alone
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread thread = new Thread(() -> {
            try {
                everyWidthInTurn();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    private static void everyWidthInTurn() {
        SplittableRandom rnd = new SplittableRandom(13);
        int cols = 512, rows = 2, count = 17;
        WeightMatrix w = RandomBlocks.matrix(GgmlType.Q4_K, rows, cols, rnd, false);
        Activations[] acts = new Activations[count];
        for (int t = 0; t < count; t++) {
            acts[t] = new Activations(cols);
            new ScalarKernels().prepare(GgmlType.Q4_K, RandomBlocks.activations(cols, rnd), 0, cols, acts[t]);
        }
        float[][] reference = new float[count][rows];
        new ScalarKernels().matMul(w, acts, count, reference, 0, rows);
        for (int bits : new int[] {128, 512, 128, 256}) {
            float[][] batched = new float[count][rows];
            new VectorKernels(bits).matMul(w, acts, count, batched, 0, rows);
            for (int t = 0; t < count; t++) {
                for (int r = 0; r < rows; r++) {
                    int tok = t, row = r;
                    assertEquals(Float.floatToRawIntBits(reference[t][r]), Float.floatToRawIntBits(batched[t][r]), () -> bits + " bits token=" + tok + " row=" + row);
                }
            }
        }
    }
}
