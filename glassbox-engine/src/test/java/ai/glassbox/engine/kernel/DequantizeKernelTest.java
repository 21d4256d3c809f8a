package ai.glassbox.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.gguf.TensorInfo;
import ai.glassbox.testkit.Shared;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dequantization decodes ggml's block layouts: hand-built blocks, and real files against F32. */
class DequantizeKernelTest {
    private static final Kernels K = new ScalarKernels();

    private static float[] dequantize(GgmlType type, byte[] block) {
        WeightMatrix w = new WeightMatrix("hand-built", type, MemorySegment.ofArray(block), 1, type.blockSize());
        float[] out = new float[type.blockSize()];
        K.dequantizeRow(w, 0, out, 0);
        return out;
    }

    private static ByteBuffer block(GgmlType type) {
        return ByteBuffer.allocate(type.bytesPerBlock()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static short half(float f) {
        return Float.floatToFloat16(f);
    }

    @Test
    void q8_0BlockIsSignedBytesTimesScale() {
        ByteBuffer b = block(GgmlType.Q8_0).putShort(half(0.5f));
        float[] expected = new float[32];
        for (int i = 0; i < 32; i++) {
            byte q = (byte) (i == 0 ? -128 : i == 1 ? 127 : i * 7 - 100);
            b.put(q);
            expected[i] = q * 0.5f;
        }
        assertArrayEquals(expected, dequantize(GgmlType.Q8_0, b.array()));
    }

    @Test
    void q4_0BlockHasLowNibblesFirstAndBiasEight() {
        ByteBuffer b = block(GgmlType.Q4_0).putShort(half(2f));
        float[] expected = new float[32];
        for (int i = 0; i < 16; i++) {
            b.put((byte) (i | (15 - i) << 4));
            expected[i] = (i - 8) * 2f;
            expected[16 + i] = (15 - i - 8) * 2f;
        }
        assertArrayEquals(expected, dequantize(GgmlType.Q4_0, b.array()));
    }

    @Test
    void q4_1BlockIsNibbleTimesScalePlusMin() {
        ByteBuffer b = block(GgmlType.Q4_1).putShort(half(0.5f)).putShort(half(-1f));
        float[] expected = new float[32];
        for (int i = 0; i < 16; i++) {
            b.put((byte) ((15 - i) | i << 4));
            expected[i] = (15 - i) * 0.5f - 1f;
            expected[16 + i] = i * 0.5f - 1f;
        }
        assertArrayEquals(expected, dequantize(GgmlType.Q4_1, b.array()));
    }

    @ParameterizedTest
    @CsvSource({"Q5_0", "Q5_1"})
    void q5BlocksTakeTheFifthBitFromQh(GgmlType type) {
        boolean withMin = type == GgmlType.Q5_1;
        int qh = 0xA5C3_0FF1;
        ByteBuffer b = block(type).putShort(half(0.25f));
        if (withMin) b.putShort(half(3f));
        b.putInt(qh);
        float[] expected = new float[32];
        for (int i = 0; i < 16; i++) {
            int lo = (i * 5) & 15, hi = (i * 3 + 1) & 15;
            b.put((byte) (lo | hi << 4));
            int q0 = lo + 16 * ((qh >>> i) & 1), q1 = hi + 16 * ((qh >>> (16 + i)) & 1);
            expected[i] = withMin ? q0 * 0.25f + 3f : (q0 - 16) * 0.25f;
            expected[16 + i] = withMin ? q1 * 0.25f + 3f : (q1 - 16) * 0.25f;
        }
        assertArrayEquals(expected, dequantize(type, b.array()));
    }

    /** Packs 8 six-bit scales and mins as ggml's Q4_K/Q5_K scales[12]. */
    private static byte[] packKScales(int[] sc, int[] m) {
        byte[] p = new byte[12];
        for (int j = 0; j < 4; j++) {
            p[j] = (byte) (sc[j] | (sc[j + 4] >> 4) << 6);
            p[j + 4] = (byte) (m[j] | (m[j + 4] >> 4) << 6);
            p[j + 8] = (byte) ((sc[j + 4] & 15) | (m[j + 4] & 15) << 4);
        }
        return p;
    }

    @ParameterizedTest
    @CsvSource({"Q4_K", "Q5_K"})
    void kBlocksApplySixBitScalesAndMinsPerGroupOf32(GgmlType type) {
        boolean q5 = type == GgmlType.Q5_K;
        int[] sc = {1, 2, 3, 63, 5, 17, 33, 48};
        int[] m = {0, 1, 62, 3, 4, 20, 40, 63};
        int[] q = new int[256];
        for (int i = 0; i < 256; i++) q[i] = (i * 7 + i / 32) % (q5 ? 32 : 16);
        ByteBuffer b = block(type).putShort(half(0.5f)).putShort(half(0.125f)).put(packKScales(sc, m));
        if (q5) {
            for (int l = 0; l < 32; l++) {
                int bits = 0;
                for (int g = 0; g < 8; g++) bits |= (q[32 * g + l] >> 4) << g;
                b.put((byte) bits);
            }
        }
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < 32; l++) b.put((byte) ((q[64 * c + l] & 15) | (q[64 * c + 32 + l] & 15) << 4));
        }
        float[] expected = new float[256];
        for (int i = 0; i < 256; i++) expected[i] = 0.5f * sc[i / 32] * q[i] - 0.125f * m[i / 32];
        assertArrayEquals(expected, dequantize(type, b.array()));
    }

    @Test
    void q6KBlockAppliesSignedScalesPerGroupOf16() {
        int[] q = new int[256];
        for (int i = 0; i < 256; i++) q[i] = (i * 11 + 5) % 64;
        q[0] = 0;
        q[1] = 63;
        byte[] sc = {-128, 127, 1, -1, 2, -3, 5, -8, 13, -21, 34, -55, 89, 100, -100, 7};
        byte[] raw = new byte[210];
        for (int h = 0; h < 2; h++) {
            for (int l = 0; l < 32; l++) {
                int q1 = q[128 * h + l], q2 = q[128 * h + 32 + l], q3 = q[128 * h + 64 + l], q4 = q[128 * h + 96 + l];
                raw[64 * h + l] = (byte) ((q1 & 15) | (q3 & 15) << 4);
                raw[64 * h + 32 + l] = (byte) ((q2 & 15) | (q4 & 15) << 4);
                raw[128 + 32 * h + l] = (byte) ((q1 >> 4) | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
            }
        }
        System.arraycopy(sc, 0, raw, 192, 16);
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putShort(208, half(0.25f));
        float[] expected = new float[256];
        for (int i = 0; i < 256; i++) expected[i] = 0.25f * sc[i / 16] * (q[i] - 32);
        assertArrayEquals(expected, dequantize(GgmlType.Q6_K, raw));
    }

    /**
     * Each file's tensor was quantized by llama.cpp from the same float weights. Bounds, as a
     * fraction of the largest |weight| of the row: Q8_0 one step (1/127), Q6_K 1/20, Q4_K 1/6 and
     * Q4_0 1/7 (4-bit steps are up to amax/7.5 wide, ggml clamps the top level), and the RMS error
     * of the whole tensor relative to the weights' RMS: 1%, 3%, 12% and 14%.
     */
    @ParameterizedTest
    @CsvSource({
        "tiny-llama-Q8_0.gguf, 0.00788, 0.01", "tiny-llama-Q6_K.gguf, 0.05, 0.03",
        "tiny-llama-Q4_K.gguf, 0.1667, 0.12", "tiny-llama-Q4_0.gguf, 0.1429, 0.14"
    })
    void dequantizedModelWeightsAreCloseToTheF32File(String file, double maxPerRowAmax, double maxRelativeRms) {
        try (GgufFile f32 = GgufFile.open(Shared.model("tiny-llama-F32.gguf")); GgufFile q = GgufFile.open(Shared.model(file))) {
            for (String name : new String[] {"blk.0.attn_q.weight", "blk.1.ffn_down.weight", "blk.3.ffn_gate.weight"}) {
                WeightMatrix a = matrix(f32, name), b = matrix(q, name);
                float[] ra = new float[a.cols()], rb = new float[b.cols()];
                double errSq = 0, refSq = 0;
                for (int r = 0; r < a.rows(); r++) {
                    K.dequantizeRow(a, r, ra, 0);
                    K.dequantizeRow(b, r, rb, 0);
                    double amax = 0, maxErr = 0;
                    for (int i = 0; i < ra.length; i++) {
                        amax = Math.max(amax, Math.abs(ra[i]));
                        maxErr = Math.max(maxErr, Math.abs(ra[i] - rb[i]));
                        errSq += (ra[i] - rb[i]) * (double) (ra[i] - rb[i]);
                        refSq += ra[i] * (double) ra[i];
                    }
                    double err = maxErr, lim = maxPerRowAmax * amax;
                    int row = r;
                    assertTrue(err <= lim, () -> file + " " + name + " row " + row + ": max error " + err + " > " + lim);
                }
                double rel = Math.sqrt(errSq / refSq);
                assertTrue(rel <= maxRelativeRms, () -> file + " " + name + ": relative RMS error " + rel + " > " + maxRelativeRms);
            }
        }
    }

    private static WeightMatrix matrix(GgufFile f, String name) {
        TensorInfo t = f.tensor(name).orElseThrow();
        return new WeightMatrix(name, t.type(), f.data(t), (int) t.dim(1), (int) t.dim(0));
    }
}
