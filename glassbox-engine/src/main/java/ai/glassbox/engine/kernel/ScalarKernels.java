package ai.glassbox.engine.kernel;

import static ai.glassbox.engine.kernel.BlockFormat.f16;
import static ai.glassbox.engine.kernel.BlockFormat.u8;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The reference kernels: plain Java loops that define the canonical order of every reduction
 * (docs/determinism.md, "Kernels"). In short:
 *
 * <ul>
 *   <li>float dot/sum: element i goes to logical lane {@code i mod 16} with {@link Math#fma}; the 16
 *       lanes fold in the tree of {@link #fold16};
 *   <li>quantized rows: each block's products go to 8 logical integer lanes (exact, see
 *       {@link #lanesQ8_0}); block b adds {@code fma(lane_k, d_b, acc_k)} to float lane k, the 8
 *       lanes fold in the tree of {@link #fold8}, and formats with a min add a separately
 *       accumulated scalar (see {@link #row}).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ScalarKernels implements Kernels {
    /** Logical accumulator lanes of every float reduction, whatever the hardware width. */
    public static final int LANES = 16;

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float[] acc = new float[LANES];
        for (int i = 0; i < n; i++) acc[i & (LANES - 1)] = Math.fma(a[aOff + i], b[bOff + i], acc[i & (LANES - 1)]);
        return fold16(acc);
    }

    @Override
    public float sum(float[] a, int aOff, int n) {
        float[] acc = new float[LANES];
        for (int i = 0; i < n; i++) acc[i & (LANES - 1)] += a[aOff + i];
        return fold16(acc);
    }

    /** Folds 16 partial sums in the canonical tree: halves added lane-wise, 16 to 8 to 4 to 2 to 1. */
    static float fold16(float[] p) {
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int l = 0; l < width; l++) p[l] = p[l] + p[l + width];
        }
        return p[0];
    }

    /** Logical float lanes of a quantized row (one 256-bit float vector). */
    public static final int QUANT_LANES = 8;

    /** Folds 8 partial sums in the canonical tree: 8 to 4 to 2 to 1, lane l + lane l + width. */
    static float fold8(float[] p) {
        return fold8(p, 0);
    }

    /** {@link #fold8} of {@code p[off .. off+7]}, in place. */
    static float fold8(float[] p, int off) {
        for (int width = QUANT_LANES / 2; width >= 1; width /= 2) {
            for (int l = 0; l < width; l++) p[off + l] = p[off + l] + p[off + l + width];
        }
        return p[off];
    }

    /** The logical lane (0..7) of element {@code i} of a 32-element block: pairs of i mod 16. */
    static int lane32(int i) {
        return (i & 15) >>> 1;
    }

    @Override
    public void prepare(GgmlType weightType, float[] x, int xOff, int n, Activations out) {
        ActivationQuantizer.prepare(weightType, x, xOff, n, out);
    }

    @Override
    public void matVec(WeightMatrix w, Activations act, float[] out, int outOff, int rowStart, int rowEnd) {
        checkPrepared(w, act);
        long rowBytes = w.rowBytes();
        for (int r = rowStart; r < rowEnd; r++) out[outOff + r - rowStart] = row(w.type(), w.data(), r * rowBytes, act);
    }

    @Override
    public void matMul(WeightMatrix w, Activations[] acts, int count, float[][] out, int rowStart, int rowEnd) {
        for (int t = 0; t < count; t++) checkPrepared(w, acts[t]);
        long rowBytes = w.rowBytes();
        for (int r = rowStart; r < rowEnd; r++) {
            for (int t = 0; t < count; t++) out[t][r] = row(w.type(), w.data(), r * rowBytes, acts[t]);
        }
    }

    static void checkPrepared(WeightMatrix w, Activations act) {
        if (act.format != ActivationQuantizer.formatFor(w.type()) || act.n != w.cols()) {
            throw new IllegalArgumentException(w.name() + ": activations prepared for " + act.preparedFor + " with " + act.n
                    + " elements, matrix is " + w.type() + " with " + w.cols() + " columns");
        }
    }

    /**
     * The canonical dot product of one weight row (at byte offset {@code o}) with prepared
     * activations. For quantized types, block b yields exact integer lane sums {@code lane_k}
     * (integers below 2^24, so converting them to float is exact) and a scale
     * {@code d_b = d_w * d_a}; float lane k becomes {@code fma(lane_k, d_b, acc_k)}. Formats with a
     * min (Q4_1, Q5_1, Q4_K, Q5_K) accumulate its term in one scalar {@code m} by fma, block by
     * block. The result is {@code fold8(acc) + m}.
     */
    static float row(GgmlType t, MemorySegment s, long o, Activations act) {
        if (!t.quantized()) return floatRow(t, s, o, act.f32, act.n);
        int nb = act.n / t.blockSize();
        long bytes = t.bytesPerBlock();
        float[] acc = new float[QUANT_LANES];
        int[] lanes = new int[QUANT_LANES];
        float m = 0f;
        short[] q = act.q;
        for (int b = 0; b < nb; b++) {
            long bo = o + b * bytes;
            java.util.Arrays.fill(lanes, 0);
            float d;
            switch (t) {
                case Q8_0 -> {
                    lanesQ8_0(s, bo + 2, q, 32 * b, lanes);
                    d = f16(s, bo) * act.scale[b];
                }
                case Q4_0 -> {
                    lanesQ4(s, bo + 2, q, 32 * b, 8, lanes);
                    d = f16(s, bo) * act.scale[b];
                }
                case Q4_1 -> {
                    lanesQ4(s, bo + 4, q, 32 * b, 0, lanes);
                    d = f16(s, bo) * act.scale[b];
                    m = Math.fma(f16(s, bo + 2), act.blockSum[b], m);
                }
                case Q5_0 -> {
                    lanesQ5(s, bo + 2, q, 32 * b, 16, lanes);
                    d = f16(s, bo) * act.scale[b];
                }
                case Q5_1 -> {
                    lanesQ5(s, bo + 4, q, 32 * b, 0, lanes);
                    d = f16(s, bo) * act.scale[b];
                    m = Math.fma(f16(s, bo + 2), act.blockSum[b], m);
                }
                case Q4_K, Q5_K -> {
                    lanesQ45K(s, bo, q, 256 * b, t == GgmlType.Q5_K, lanes);
                    d = f16(s, bo) * act.scale[b];
                    m = Math.fma(-(f16(s, bo + 2) * act.scale[b]), (float) minSumK(s, bo, act.bsums, 16 * b), m);
                }
                case Q6_K -> {
                    lanesQ6K(s, bo, q, 256 * b, lanes);
                    d = f16(s, bo + 208) * act.scale[b];
                }
                default -> throw new UnsupportedOperationException("no kernel for " + t);
            }
            for (int k = 0; k < QUANT_LANES; k++) acc[k] = Math.fma((float) lanes[k], d, acc[k]);
        }
        return fold8(acc) + m;
    }

    private static float floatRow(GgmlType t, MemorySegment s, long o, float[] x, int n) {
        float[] acc = new float[LANES];
        for (int i = 0; i < n; i++) {
            float w = switch (t) {
                case F32 -> s.get(BlockFormat.F32, o + 4L * i);
                case F16 -> f16(s, o + 2L * i);
                case BF16 -> Float.intBitsToFloat(s.get(BlockFormat.I16, o + 2L * i) << 16);
                default -> throw new AssertionError(t);
            };
            acc[i & (LANES - 1)] = Math.fma(w, x[i], acc[i & (LANES - 1)]);
        }
        return fold16(acc);
    }

    /** Q8_0: element i of the block goes to lane {@link #lane32}(i). */
    static void lanesQ8_0(MemorySegment s, long qs, short[] q, int qo, int[] lanes) {
        for (int i = 0; i < 32; i++) lanes[lane32(i)] += s.get(ValueLayout.JAVA_BYTE, qs + i) * q[qo + i];
    }

    /** Q4_0 (bias 8) and Q4_1 (bias 0): low nibbles are elements 0..15, high nibbles 16..31. */
    static void lanesQ4(MemorySegment s, long qs, short[] q, int qo, int bias, int[] lanes) {
        for (int i = 0; i < 16; i++) {
            int b = u8(s, qs + i);
            lanes[lane32(i)] += ((b & 0xF) - bias) * q[qo + i] + ((b >>> 4) - bias) * q[qo + 16 + i];
        }
    }

    /** Q5_0 (bias 16) and Q5_1 (bias 0); {@code qh} is the 32-bit field at {@code hOff}, qs follows. */
    static void lanesQ5(MemorySegment s, long hOff, short[] q, int qo, int bias, int[] lanes) {
        int qh = s.get(BlockFormat.I32, hOff);
        for (int i = 0; i < 16; i++) {
            int b = u8(s, hOff + 4 + i);
            int lo = (b & 0xF) | ((qh >>> i) & 1) << 4;
            int hi = (b >>> 4) | ((qh >>> (i + 16)) & 1) << 4;
            lanes[lane32(i)] += (lo - bias) * q[qo + i] + (hi - bias) * q[qo + 16 + i];
        }
    }

    /**
     * Q4_K / Q5_K: group g (0..7) holds elements 32g..32g+31, nibble g mod 2 of quant bytes
     * 32(g/2).. (plus bit g of the 32 qh bytes for Q5_K); element 32g + i goes to lane
     * {@link #lane32}(i), times the group's 6-bit scale. At most 8 * 63 * 4 * 31 * 127 per lane.
     */
    static void lanesQ45K(MemorySegment s, long o, short[] q, int qo, boolean fifthBit, int[] lanes) {
        long scales = BlockFormat.kScales(s, o + 4);
        long qs = o + (fifthBit ? 48 : 16);
        for (int g = 0; g < 8; g++) {
            int sc = BlockFormat.byteOf(scales, g);
            for (int i = 0; i < 32; i++) {
                int v = (u8(s, qs + 32 * (g >>> 1) + i) >>> (4 * (g & 1))) & 0xF;
                if (fifthBit) v |= ((u8(s, o + 16 + i) >>> g) & 1) << 4;
                lanes[lane32(i)] += sc * v * q[qo + 32 * g + i];
            }
        }
    }

    /** sum over groups j of min_j * (bsums[2j] + bsums[2j+1]) for Q4_K/Q5_K; exact in int. */
    static int minSumK(MemorySegment s, long o, int[] bsums, int bo) {
        int sum = 0;
        long mins = BlockFormat.kMins(s, o + 4);
        for (int j = 0; j < 8; j++) sum += BlockFormat.byteOf(mins, j) * (bsums[bo + 2 * j] + bsums[bo + 2 * j + 1]);
        return sum;
    }

    /**
     * Q6_K: element 128h + 32k + l (half h, quarter k, l < 32) is in 16-element group
     * 8h + 2k + l/16 with its int8 scale, and goes to lane (l mod 16) / 2. At most
     * 16 * 128 * 2 * 32 * 127 < 2^24 per lane.
     */
    static void lanesQ6K(MemorySegment s, long o, short[] q, int qo, int[] lanes) {
        for (int h = 0; h < 2; h++) {
            for (int k = 0; k < 4; k++) {
                for (int l = 0; l < 32; l++) {
                    int sc = s.get(ValueLayout.JAVA_BYTE, o + 192 + 8 * h + 2 * k + l / 16);
                    lanes[(l & 15) >>> 1] += sc * BlockFormat.q6(s, o, h, l, k) * q[qo + 128 * h + 32 * k + l];
                }
            }
        }
    }

    @Override
    public void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff) {
        Dequantizer.dequantizeRow(w, row, out, outOff);
    }
}
