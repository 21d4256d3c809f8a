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
 *   <li>quantized rows: each block's integer dot product is exact; block b's float contribution
 *       goes to accumulator {@code b mod 4} by {@link Math#fma} (see {@link #accumulate32} and
 *       {@link #accumulateK}); the four fold as {@code (a0 + a2) + (a1 + a3)}.
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

    /** Folds the four block accumulators of a quantized row. */
    static float fold4(float a0, float a1, float a2, float a3) {
        return (a0 + a2) + (a1 + a3);
    }

    /**
     * Canonical contribution of one 32-element block: {@code fma(dw*da, sumi, acc)}; the overload
     * for formats with a min (Q4_1, Q5_1) then adds {@code fma(mw, sa, that)}, where sa is the
     * activation block's {@code s = d * sum(q)}.
     */
    static float accumulate32(float dw, float da, int sumi, float acc) {
        return Math.fma(dw * da, (float) sumi, acc);
    }

    static float accumulate32(float dw, float da, int sumi, float mw, float sa, float acc) {
        return Math.fma(mw, sa, Math.fma(dw * da, (float) sumi, acc));
    }

    /**
     * Canonical contribution of one 256-element K block: {@code fma(d*da, sumi, acc)}, then for
     * Q4_K/Q5_K {@code fma(-(dmin*da), summ, that)} where summ = sum of min_j * bsums of group j.
     */
    static float accumulateK(float d, float dmin, float da, int sumi, int summ, float acc) {
        return Math.fma(-(dmin * da), (float) summ, Math.fma(d * da, (float) sumi, acc));
    }

    static float accumulateK(float d, float da, int sumi, float acc) {
        return Math.fma(d * da, (float) sumi, acc);
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

    /** The canonical dot product of one weight row (at byte offset {@code o}) with prepared activations. */
    static float row(GgmlType t, MemorySegment s, long o, Activations act) {
        int nb = act.n / t.blockSize();
        int bytes = t.bytesPerBlock();
        if (!t.quantized()) return floatRow(t, s, o, act.f32, act.n);
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
        for (int b = 0; b < nb; b++) {
            float acc = switch (b & 3) {
                case 0 -> a0;
                case 1 -> a1;
                case 2 -> a2;
                default -> a3;
            };
            acc = block(t, s, o + (long) b * bytes, act, b, acc);
            switch (b & 3) {
                case 0 -> a0 = acc;
                case 1 -> a1 = acc;
                case 2 -> a2 = acc;
                default -> a3 = acc;
            }
        }
        return fold4(a0, a1, a2, a3);
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

    /** Block b (at byte offset o) of a quantized row, added to its accumulator. */
    private static float block(GgmlType t, MemorySegment s, long o, Activations act, int b, float acc) {
        return switch (t) {
            case Q8_0 -> accumulate32(f16(s, o), act.scale[b], sumQ8_0(s, o + 2, act.q, 32 * b), acc);
            case Q4_0 -> accumulate32(f16(s, o), act.scale[b], sumQ4(s, o + 2, act.q, 32 * b, 8), acc);
            case Q4_1 -> accumulate32(f16(s, o), act.scale[b], sumQ4(s, o + 4, act.q, 32 * b, 0), f16(s, o + 2), act.blockSum[b], acc);
            case Q5_0 -> accumulate32(f16(s, o), act.scale[b], sumQ5(s, o + 2, act.q, 32 * b, 16), acc);
            case Q5_1 -> accumulate32(f16(s, o), act.scale[b], sumQ5(s, o + 4, act.q, 32 * b, 0), f16(s, o + 2), act.blockSum[b], acc);
            case Q4_K -> accumulateK(f16(s, o), f16(s, o + 2), act.scale[b], sumQ4K(s, o, act.q, 256 * b), minSumK(s, o, act.bsums, 16 * b), acc);
            case Q5_K -> accumulateK(f16(s, o), f16(s, o + 2), act.scale[b], sumQ5K(s, o, act.q, 256 * b), minSumK(s, o, act.bsums, 16 * b), acc);
            case Q6_K -> accumulateK(f16(s, o + 208), act.scale[b], sumQ6K(s, o, act.q, 256 * b), acc);
            default -> throw new UnsupportedOperationException("no kernel for " + t);
        };
    }

    private static int sumQ8_0(MemorySegment s, long qs, short[] q, int qo) {
        int sum = 0;
        for (int i = 0; i < 32; i++) sum += s.get(ValueLayout.JAVA_BYTE, qs + i) * q[qo + i];
        return sum;
    }

    /** Q4_0 (bias 8) and Q4_1 (bias 0): low nibbles are elements 0..15, high nibbles 16..31. */
    private static int sumQ4(MemorySegment s, long qs, short[] q, int qo, int bias) {
        int sum = 0;
        for (int i = 0; i < 16; i++) {
            int b = u8(s, qs + i);
            sum += ((b & 0xF) - bias) * q[qo + i] + ((b >>> 4) - bias) * q[qo + 16 + i];
        }
        return sum;
    }

    /** Q5_0 (bias 16) and Q5_1 (bias 0); {@code qh} is the 32-bit field at {@code hOff}, qs follows. */
    private static int sumQ5(MemorySegment s, long hOff, short[] q, int qo, int bias) {
        int qh = s.get(BlockFormat.I32, hOff);
        int sum = 0;
        for (int i = 0; i < 16; i++) {
            int b = u8(s, hOff + 4 + i);
            int lo = (b & 0xF) | ((qh >>> i) & 1) << 4;
            int hi = (b >>> 4) | ((qh >>> (i + 16)) & 1) << 4;
            sum += (lo - bias) * q[qo + i] + (hi - bias) * q[qo + 16 + i];
        }
        return sum;
    }

    /** sum over the 8 groups of scale_j * (group j's integer dot product); exact in int. */
    private static int sumQ4K(MemorySegment s, long o, short[] q, int qo) {
        int sum = 0;
        for (int c = 0; c < 4; c++) {
            int lo = 0, hi = 0;
            for (int l = 0; l < 32; l++) {
                int b = u8(s, o + 16 + 32 * c + l);
                lo += (b & 0xF) * q[qo + 64 * c + l];
                hi += (b >>> 4) * q[qo + 64 * c + 32 + l];
            }
            sum += BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c) * lo + BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c + 1) * hi;
        }
        return sum;
    }

    private static int sumQ5K(MemorySegment s, long o, short[] q, int qo) {
        int sum = 0;
        for (int c = 0; c < 4; c++) {
            int lo = 0, hi = 0;
            for (int l = 0; l < 32; l++) {
                int b = u8(s, o + 48 + 32 * c + l);
                int h = u8(s, o + 16 + l);
                lo += ((b & 0xF) | ((h >>> (2 * c)) & 1) << 4) * q[qo + 64 * c + l];
                hi += ((b >>> 4) | ((h >>> (2 * c + 1)) & 1) << 4) * q[qo + 64 * c + 32 + l];
            }
            sum += BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c) * lo + BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c + 1) * hi;
        }
        return sum;
    }

    /** sum over groups j of min_j * (bsums[2j] + bsums[2j+1]) for Q4_K/Q5_K; exact in int. */
    static int minSumK(MemorySegment s, long o, int[] bsums, int bo) {
        int sum = 0;
        long mins = BlockFormat.kMins(s, o + 4);
        for (int j = 0; j < 8; j++) sum += BlockFormat.byteOf(mins, j) * (bsums[bo + 2 * j] + bsums[bo + 2 * j + 1]);
        return sum;
    }

    /** sum over the 16 groups of int8 scale_g * (group g's integer dot product of q - 32). */
    private static int sumQ6K(MemorySegment s, long o, short[] q, int qo) {
        int sum = 0;
        for (int h = 0; h < 2; h++) {
            for (int k = 0; k < 4; k++) {
                for (int g = 0; g < 2; g++) {
                    int part = 0;
                    for (int l = 16 * g; l < 16 * g + 16; l++) part += BlockFormat.q6(s, o, h, l, k) * q[qo + 128 * h + 32 * k + l];
                    sum += s.get(ValueLayout.JAVA_BYTE, o + 192 + 8 * h + g + 2 * k) * part;
                }
            }
        }
        return sum;
    }

    @Override
    public void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff) {
        Dequantizer.dequantizeRow(w, row, out, outOff);
    }
}
