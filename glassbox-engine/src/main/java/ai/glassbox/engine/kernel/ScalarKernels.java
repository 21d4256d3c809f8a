package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The reference kernels: plain Java loops that define the canonical order of every reduction. */
public final class ScalarKernels implements Kernels {
    /** Logical accumulator lanes of every float reduction, whatever the hardware width. */
    public static final int LANES = 16;

    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

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

    @Override
    public void prepare(GgmlType weightType, float[] x, int xOff, int n, Activations out) {
        if (n > out.capacity) throw new IllegalArgumentException("activation buffer holds " + out.capacity + ", needs " + n);
        System.arraycopy(x, xOff, out.f32, 0, n);
        out.n = n;
        out.preparedFor = weightType;
        switch (weightType) {
            case F32, F16, BF16 -> {}
            default -> throw new UnsupportedOperationException("no kernel for " + weightType);
        }
    }

    @Override
    public void matVec(WeightMatrix w, Activations act, float[] out, int outOff, int rowStart, int rowEnd) {
        int cols = w.cols();
        long rowBytes = w.rowBytes();
        float[] acc = new float[LANES];
        for (int r = rowStart; r < rowEnd; r++) {
            long base = r * rowBytes;
            java.util.Arrays.fill(acc, 0f);
            for (int i = 0; i < cols; i++) {
                float wv = weight(w.type(), w.data(), base, i);
                acc[i & (LANES - 1)] = Math.fma(wv, act.f32[i], acc[i & (LANES - 1)]);
            }
            out[outOff + r - rowStart] = fold16(acc);
        }
    }

    private static float weight(GgmlType type, MemorySegment data, long base, int i) {
        return switch (type) {
            case F32 -> data.get(F32, base + 4L * i);
            case F16 -> Float.float16ToFloat(data.get(I16, base + 2L * i));
            case BF16 -> Float.intBitsToFloat(data.get(I16, base + 2L * i) << 16);
            default -> throw new UnsupportedOperationException("no kernel for " + type);
        };
    }

    @Override
    public void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff) {
        long base = row * w.rowBytes();
        for (int i = 0; i < w.cols(); i++) out[outOff + i] = weight(w.type(), w.data(), base, i);
    }
}
