package ai.glassbox.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.engine.gguf.GgmlType;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The vector kernels give the scalar reference's exact bits at every width, type and tail. */
class VectorKernelsMatchScalarTest {
    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static final int[] WIDTHS = {128, 256, 512};
    private static final int[] FLOAT_SIZES = {1, 3, 15, 16, 17, 31, 32, 33, 255, 256, 257, 4097};
    private static final int[] BLOCK_COUNTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 17};

    @BeforeAll
    static void printSeed() {
        System.out.println("VectorKernelsMatchScalarTest seed: -Dglassbox.test.seed=" + RandomBlocks.SEED);
    }

    static Stream<Arguments> widthsAndFloatSizes() {
        return java.util.Arrays.stream(WIDTHS).boxed().flatMap(w -> java.util.Arrays.stream(FLOAT_SIZES).mapToObj(n -> Arguments.of(w, n)));
    }

    static Stream<Arguments> widthsAndTypes() {
        return java.util.Arrays.stream(WIDTHS).boxed().flatMap(w -> java.util.Arrays.stream(RandomBlocks.TYPES).map(t -> Arguments.of(w, t)));
    }

    @ParameterizedTest(name = "{0} bits, n={1}")
    @MethodSource("widthsAndFloatSizes")
    void dotAndSumMatchScalarBitsAtEveryTail(int bits, int n) {
        VectorKernels vector = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(RandomBlocks.SEED + n);
        float[] a = RandomBlocks.activations(n + 5, rnd);
        float[] b = RandomBlocks.activations(n + 5, rnd);
        for (int off : new int[] {0, 3}) {
            String where = "n=" + n + " off=" + off + " width=" + bits + " seed=" + RandomBlocks.SEED;
            assertEquals(Float.floatToRawIntBits(SCALAR.dot(a, off, b, 5 - off, n)), Float.floatToRawIntBits(vector.dot(a, off, b, 5 - off, n)), () -> "dot " + where);
            assertEquals(Float.floatToRawIntBits(SCALAR.sum(a, off, n)), Float.floatToRawIntBits(vector.sum(a, off, n)), () -> "sum " + where);
        }
    }

    @ParameterizedTest(name = "{0} bits, {1}")
    @MethodSource("widthsAndTypes")
    void matVecMatchesScalarBitsForEveryTypeAndSize(int bits, GgmlType type) {
        VectorKernels vector = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(RandomBlocks.SEED ^ type.ordinal());
        int[] sizes = type.quantized()
                ? java.util.Arrays.stream(BLOCK_COUNTS).map(c -> c * type.blockSize()).toArray()
                : FLOAT_SIZES;
        for (int cols : sizes) {
            int rows = 3;
            WeightMatrix w = RandomBlocks.matrix(type, rows, cols, rnd, true);
            float[] x = RandomBlocks.activations(cols, rnd);
            Activations scalarAct = new Activations(cols + 64);
            Activations vectorAct = new Activations(cols + 64);
            SCALAR.prepare(type, x, 0, cols, scalarAct);
            vector.prepare(type, x, 0, cols, vectorAct);
            float[] expected = new float[rows];
            float[] actual = new float[rows + 1];
            SCALAR.matVec(w, scalarAct, expected, 0, 0, rows);
            vector.matVec(w, vectorAct, actual, 1, 0, rows);
            for (int r = 0; r < rows; r++) {
                int row = r;
                assertEquals(Float.floatToRawIntBits(expected[r]), Float.floatToRawIntBits(actual[r + 1]),
                        () -> type + " cols=" + cols + " row=" + row + " width=" + bits + " seed=" + RandomBlocks.SEED
                                + " expected " + expected[row] + " got " + actual[row + 1]);
            }
        }
    }
}
