package ai.glassbox.engine.model;

/**
 * The element-wise functions of the forward pass, bit-specified: {@link StrictMath} (fdlibm) for
 * exp, sin, cos and pow, never {@link Math}, whose results may differ between CPUs and JIT tiers.
 * Reductions here are sequential in index order and accumulate in double, as ggml's CPU backend
 * does for RMSNorm and softmax sums.
 */
final class MathFunctions {
    private MathFunctions() {}

    /** {@code out = x / rms(x) * weight} over {@code n} elements (ggml's rms_norm then mul). */
    static void rmsNorm(float[] out, int outOff, float[] x, int xOff, float[] weight, int n, float eps) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            sum += (double) (v * v);
        }
        float mean = (float) (sum / n);
        float scale = (float) (1.0 / Math.sqrt(mean + eps)); // sqrt is correctly rounded (IEEE 754)
        for (int i = 0; i < n; i++) out[outOff + i] = (x[xOff + i] * scale) * weight[i];
    }

    /** In-place softmax over {@code a[off, off+n)}: max-subtracted exp, double sum, then scaled. */
    static void softmax(float[] a, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, a[off + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = exp(a[off + i] - max);
            a[off + i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < n; i++) a[off + i] *= inv;
    }

    static float exp(float x) {
        return (float) StrictMath.exp(x);
    }

    /** SiLU as ggml writes it: {@code x / (1 + e^-x)}. */
    static float silu(float x) {
        return x / (1.0f + exp(-x));
    }
}
