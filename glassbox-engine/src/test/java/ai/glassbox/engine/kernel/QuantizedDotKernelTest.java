package ai.glassbox.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.gguf.GgmlType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quantized dot product (weights times 8-bit activations) stays close to the float dot product
 * of the dequantized weights with the float activations. The only approximation is activation
 * quantization: each activation moves by at most half a step, d/2 = amax/254 of its block, so the
 * error vector e satisfies |e| <= sqrt(B)/254 |x| for blocks of B elements, and by Cauchy-Schwarz
 * |quantized - float| <= sqrt(B)/254 |w| |x| (2.3% for B = 32, 6.3% for B = 256), plus a tiny
 * float rounding allowance.
 */
class QuantizedDotKernelTest {
    @BeforeAll
    static void printSeed() {
        System.out.println("QuantizedDotKernelTest seed: -Dglassbox.test.seed=" + RandomBlocks.SEED);
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void quantizedDotIsWithinActivationQuantizationBoundOfFloatDot(GgmlType type) {
        SplittableRandom rnd = new SplittableRandom(RandomBlocks.SEED * 31 + type.ordinal());
        int cols = 1024;
        int rows = 16;
        WeightMatrix w = RandomBlocks.matrix(type, rows, cols, rnd, false);
        float[] x = RandomBlocks.activations(cols, rnd);
        Kernels k = new VectorKernels(256);
        Activations act = new Activations(cols);
        k.prepare(type, x, 0, cols, act);
        float[] out = new float[rows];
        k.matVec(w, act, out, 0, 0, rows);
        double bound = Math.sqrt(type.blockSize() == 256 ? 256 : 32) / 254;
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            k.dequantizeRow(w, r, row, 0);
            double exact = 0, wNorm = 0, xNorm = 0;
            for (int i = 0; i < cols; i++) {
                exact += (double) row[i] * x[i];
                wNorm += (double) row[i] * row[i];
                xNorm += (double) x[i] * x[i];
            }
            double allowed = bound * Math.sqrt(wNorm) * Math.sqrt(xNorm) * 1.001 + 1e-3 * Math.abs(exact);
            double err = Math.abs(out[r] - exact);
            String msg = type + " row " + r + ": |" + out[r] + " - " + exact + "| = " + err + " > " + allowed + " seed=" + RandomBlocks.SEED;
            assertTrue(err <= allowed, msg);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void floatWeightsMatVecEqualsDotOfDequantizedRow(int bits) {
        SplittableRandom rnd = new SplittableRandom(RandomBlocks.SEED + bits);
        Kernels k = new VectorKernels(bits);
        for (GgmlType type : new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16}) {
            WeightMatrix w = RandomBlocks.matrix(type, 2, 100, rnd, false);
            float[] x = RandomBlocks.activations(100, rnd);
            Activations act = new Activations(100);
            k.prepare(type, x, 0, 100, act);
            float[] out = new float[2];
            k.matVec(w, act, out, 0, 0, 2);
            float[] row = new float[100];
            k.dequantizeRow(w, 1, row, 0);
            assertEquals(Float.floatToRawIntBits(k.dot(row, 0, x, 0, 100)), Float.floatToRawIntBits(out[1]), type + " seed=" + RandomBlocks.SEED);
        }
    }
}
