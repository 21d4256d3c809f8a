package ai.glassbox.engine.tensor;

import ai.glassbox.engine.gguf.GgmlType;

/**
 * Encodes floats into ggml tensor types, byte for byte as ggml's reference quantizers
 * ({@code quantize_row_*_ref} in ggml-quants.c) do, so that a file we write matches what
 * {@code llama-quantize} writes without an importance matrix.
 *
 * <p>Every float operation follows the C code's order, one rounding per operation, without fused
 * multiply-adds; C's {@code roundf} (half away from zero) and ggml's {@code nearest_int} (half to
 * even) are reproduced exactly. Half-precision scales use {@link Float#floatToFloat16}, which rounds
 * to nearest even like F16C's {@code vcvtps2ph} and ggml's software conversion.
 *
 * <p>Supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K. Stateless and
 * thread-safe.
 */
public final class Quantizer {
    private Quantizer() {}

    /** Whether {@link #quantize} can produce this type. */
    public static boolean canEncode(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K -> true;
            default -> false;
        };
    }

    /**
     * Encodes {@code count} floats from {@code src[srcOffset]} into {@code dst[dstOffset]}.
     *
     * @param count a multiple of the type's block size
     * @return the number of bytes written, {@code type.byteSize(count)}
     * @throws IllegalArgumentException if the type cannot be encoded or {@code count} is not a
     *     multiple of its block size
     * @throws IndexOutOfBoundsException if either array is too short
     */
    public static int quantize(GgmlType type, float[] src, int srcOffset, int count, byte[] dst, int dstOffset) {
        if (!canEncode(type)) throw new IllegalArgumentException("cannot encode " + type + "; supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K");
        int bytes = Math.toIntExact(type.byteSize(count));
        java.util.Objects.checkFromIndexSize(srcOffset, count, src.length);
        java.util.Objects.checkFromIndexSize(dstOffset, bytes, dst.length);
        int blocks = count / type.blockSize();
        int step = type.bytesPerBlock();
        for (int b = 0; b < blocks; b++) {
            int x = srcOffset + b * type.blockSize();
            int y = dstOffset + b * step;
            switch (type) {
                case F32 -> putI32(dst, y, Float.floatToRawIntBits(src[x]));
                case F16 -> putI16(dst, y, Float.floatToFloat16(src[x]));
                case BF16 -> putI16(dst, y, bf16(src[x]));
                case Q4_0 -> q4_0(src, x, dst, y);
                case Q4_1 -> q4_1(src, x, dst, y);
                case Q5_0 -> q5_0(src, x, dst, y);
                case Q5_1 -> q5_1(src, x, dst, y);
                case Q8_0 -> q8_0(src, x, dst, y);
                case Q4_K -> KQuants.q4K(src, x, dst, y);
                case Q5_K -> KQuants.q5K(src, x, dst, y);
                case Q6_K -> KQuants.q6K(src, x, dst, y);
                default -> throw new AssertionError(type);
            }
        }
        return bytes;
    }

    /** Encodes a whole array; its length must be a multiple of the type's block size. */
    public static byte[] quantize(GgmlType type, float[] src) {
        byte[] out = new byte[Math.toIntExact(type.byteSize(src.length))];
        quantize(type, src, 0, src.length, out, 0);
        return out;
    }

    /** fp32 to bf16, rounding to nearest even and keeping NaNs quiet, as ggml_compute_fp32_to_bf16. */
    public static short bf16(float f) {
        int u = Float.floatToRawIntBits(f);
        if ((u & 0x7fffffff) > 0x7f800000) return (short) ((u >>> 16) | 64);
        return (short) ((u + (0x7fff + ((u >>> 16) & 1))) >>> 16);
    }

    // quantize_row_q8_0_ref: symmetric, d = amax / 127, q = roundf(x / d)
    private static void q8_0(float[] x, int xo, byte[] y, int yo) {
        float amax = 0;
        for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[xo + j]));
        float d = amax / 127;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putI16(y, yo, Float.floatToFloat16(d));
        for (int j = 0; j < 32; j++) y[yo + 2 + j] = (byte) roundf(x[xo + j] * id);
    }

    // quantize_row_q4_0_ref: d = (value of largest magnitude) / -8, q = min(15, trunc(x/d + 8.5))
    private static void q4_0(float[] x, int xo, byte[] y, int yo) {
        float d = signedMax(x, xo) / -8;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putI16(y, yo, Float.floatToFloat16(d));
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(15, int8((int) (x[xo + j] * id + 8.5f)));
            int q1 = Math.min(15, int8((int) (x[xo + 16 + j] * id + 8.5f)));
            y[yo + 2 + j] = (byte) ((q0 & 0xFF) | (q1 << 4));
        }
    }

    // quantize_row_q4_1_ref: d = (max - min) / 15, m = min, q = min(15, trunc((x - min)/d + 0.5))
    private static void q4_1(float[] x, int xo, byte[] y, int yo) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int j = 0; j < 32; j++) {
            float v = x[xo + j];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        float d = (max - min) / 15;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putI16(y, yo, Float.floatToFloat16(d));
        putI16(y, yo + 2, Float.floatToFloat16(min));
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(15, int8((int) ((x[xo + j] - min) * id + 0.5f)));
            int q1 = Math.min(15, int8((int) ((x[xo + 16 + j] - min) * id + 0.5f)));
            y[yo + 4 + j] = (byte) ((q0 & 0xFF) | (q1 << 4));
        }
    }

    // quantize_row_q5_0_ref: d = (value of largest magnitude) / -16, 5-bit q; the 5th bits go to qh
    private static void q5_0(float[] x, int xo, byte[] y, int yo) {
        float d = signedMax(x, xo) / -16;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putI16(y, yo, Float.floatToFloat16(d));
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(31, int8((int) (x[xo + j] * id + 16.5f)) & 0xFF);
            int q1 = Math.min(31, int8((int) (x[xo + 16 + j] * id + 16.5f)) & 0xFF);
            y[yo + 6 + j] = (byte) ((q0 & 0x0F) | ((q1 & 0x0F) << 4));
            qh |= ((q0 & 0x10) >>> 4) << j;
            qh |= ((q1 & 0x10) >>> 4) << (j + 16);
        }
        putI32(y, yo + 2, qh);
    }

    // quantize_row_q5_1_ref: d = (max - min) / 31, m = min, q = trunc((x - min)/d + 0.5) as uint8
    private static void q5_1(float[] x, int xo, byte[] y, int yo) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int j = 0; j < 32; j++) {
            float v = x[xo + j];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        float d = (max - min) / 31;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putI16(y, yo, Float.floatToFloat16(d));
        putI16(y, yo + 2, Float.floatToFloat16(min));
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = (int) ((x[xo + j] - min) * id + 0.5f) & 0xFF;
            int q1 = (int) ((x[xo + 16 + j] - min) * id + 0.5f) & 0xFF;
            y[yo + 8 + j] = (byte) ((q0 & 0x0F) | ((q1 & 0x0F) << 4));
            qh |= ((q0 & 0x10) >>> 4) << j;
            qh |= ((q1 & 0x10) >>> 4) << (j + 16);
        }
        putI32(y, yo + 4, qh);
    }

    /** The element of largest magnitude, first one on ties, with its sign. */
    private static float signedMax(float[] x, int xo) {
        float amax = 0, max = 0;
        for (int j = 0; j < 32; j++) {
            float v = x[xo + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        return max;
    }

    /** C's {@code (int8_t)} conversion of an in-range int: keeps the low byte, signed. */
    private static int int8(int v) {
        return (byte) v;
    }

    /** C's {@code roundf}: half away from zero. */
    static float roundf(float v) {
        return (float) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }

    static void putI16(byte[] b, int o, short v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
    }

    static void putI32(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
        b[o + 2] = (byte) (v >> 16);
        b[o + 3] = (byte) (v >> 24);
    }
}
