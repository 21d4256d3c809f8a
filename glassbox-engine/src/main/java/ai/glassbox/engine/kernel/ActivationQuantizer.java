package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;

/**
 * Quantizes activations as llama.cpp does before a quantized dot product, shared by both kernel
 * implementations (so the quantized activations are identical by construction). See
 * docs/determinism.md for the exact rounding rules.
 */
final class ActivationQuantizer {
    private ActivationQuantizer() {}

    /** The activation format ggml pairs with a weight type ({@code type_traits_cpu[].vec_dot_type}). */
    static GgmlType formatFor(GgmlType weightType) {
        return switch (weightType) {
            case F32, F16, BF16 -> GgmlType.F32;
            case Q4_0, Q5_0, Q8_0 -> GgmlType.Q8_0;
            case Q4_1, Q5_1 -> GgmlType.Q8_1;
            case Q4_K, Q5_K, Q6_K -> GgmlType.Q8_K;
            default -> throw new UnsupportedOperationException("no kernel for weight type " + weightType);
        };
    }

    static void prepare(GgmlType weightType, float[] x, int xOff, int n, Activations out) {
        GgmlType format = formatFor(weightType);
        if (n > out.capacity) throw new IllegalArgumentException("activation buffer holds " + out.capacity + " elements, needs " + n);
        if (n % weightType.blockSize() != 0) {
            throw new IllegalArgumentException(n + " activations is not a multiple of " + weightType + "'s block size " + weightType.blockSize());
        }
        System.arraycopy(x, xOff, out.f32, 0, n);
        out.n = n;
        out.preparedFor = weightType;
        out.preparations++;
        out.format = format;
        switch (format) {
            case F32 -> {}
            case Q8_0 -> quantizeQ8(out, false);
            case Q8_1 -> quantizeQ8(out, true);
            case Q8_K -> quantizeQ8K(out);
            default -> throw new AssertionError(format);
        }
        if (format != GgmlType.F32) {
            permuteLanes(out);
            packPairs(out);
        }
        if (format == GgmlType.Q8_0) q4Bias(out);
    }

    /**
     * Packs adjacent values as {@code (q[2j] << 16) + q[2j+1]}. Multiplied in an int lane by two
     * non-negative weights {@code (w[2j+1] << 16) | w[2j]}, this gives {@code (w[2j] q[2j] +
     * w[2j+1] q[2j+1]) << 16} plus the cross term {@code w[2j] q[2j+1]} modulo 2^32: a
     * widening multiply-add of two pairs in one int multiply.
     */
    private static void packPairs(Activations a) {
        for (int j = 0; j < a.n / 2; j++) a.qPairs[j] = (a.q[2 * j] << 16) + a.q[2 * j + 1];
    }

    /** Q4_0's bias 8 moved out of the block loop: -8 times each lane's activation sum, pre-shifted. */
    private static void q4Bias(Activations a) {
        for (int b = 0; b < a.n / 32; b++) {
            for (int k = 0; k < ScalarKernels.QUANT_LANES; k++) {
                int e = 32 * b + 2 * k;
                int sum = a.q[e] + a.q[e + 1] + a.q[e + 16] + a.q[e + 17];
                a.q4Bias[ScalarKernels.QUANT_LANES * b + k] = (1 << 15) + ((-8 * sum) << 16);
            }
        }
    }

    /**
     * Copies the quantized values as floats (exact) in lane order: in each 32-element chunk,
     * positions {@code 8j + k} (j < 4, k < 8) hold element {@code 16(j/2) + 2k + (j mod 2)}, so
     * that position 8j + k belongs to the canonical lane k (docs/determinism.md, "Quantized rows").
     */
    private static void permuteLanes(Activations a) {
        for (int c = 0; c < a.n; c += 32) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 8; k++) a.lanes[c + 8 * j + k] = a.q[c + 16 * (j >>> 1) + 2 * k + (j & 1)];
            }
        }
    }

    /**
     * Q8_0 / Q8_1 as ggml's AVX2 {@code quantize_row_q8_0}/{@code quantize_row_q8_1}: d = amax/127
     * (stored as fp16), q = rint(x * (127/amax)) rounding half to even, s = fp16(d * sum(q)).
     */
    private static void quantizeQ8(Activations a, boolean withSum) {
        float[] x = a.f32;
        for (int b = 0; b < a.n / 32; b++) {
            int base = 32 * b;
            float amax = 0f;
            for (int i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(x[base + i]));
            float d = amax / 127f;
            float id = amax != 0f ? 127f / amax : 0f;
            int sum = 0;
            for (int i = 0; i < 32; i++) {
                int v = (int) Math.rint(x[base + i] * id);
                a.q[base + i] = (short) v;
                sum += v;
            }
            a.scale[b] = Float.float16ToFloat(Float.floatToFloat16(d));
            if (withSum) a.blockSum[b] = Float.float16ToFloat(Float.floatToFloat16(d * (float) sum));
        }
    }

    /**
     * Q8_K as ggml's {@code quantize_row_q8_K_ref}: the element of largest magnitude (first one on
     * ties) fixes iscale = -127/max, q = min(127, rint(iscale * x)), d = 1/iscale as a float, and
     * bsums are the sums of each 16 values.
     */
    private static void quantizeQ8K(Activations a) {
        float[] x = a.f32;
        for (int b = 0; b < a.n / 256; b++) {
            int base = 256 * b;
            float amax = 0f;
            float max = 0f;
            for (int i = 0; i < 256; i++) {
                float ax = Math.abs(x[base + i]);
                if (ax > amax) {
                    amax = ax;
                    max = x[base + i];
                }
            }
            if (amax == 0f) {
                a.scale[b] = 0f;
                for (int i = 0; i < 256; i++) a.q[base + i] = 0;
                for (int g = 0; g < 16; g++) a.bsums[16 * b + g] = 0;
                continue;
            }
            float iscale = -127f / max;
            for (int i = 0; i < 256; i++) a.q[base + i] = (short) Math.min(127, (int) Math.rint(iscale * x[base + i]));
            for (int g = 0; g < 16; g++) {
                int s = 0;
                for (int i = 0; i < 16; i++) s += a.q[base + 16 * g + i];
                a.bsums[16 * b + g] = s;
            }
            a.scale[b] = 1f / iscale;
        }
        for (int j = 0; j < a.n / 32; j++) a.groupSums[j] = a.bsums[2 * j] + a.bsums[2 * j + 1];
    }
}
