package ai.glassbox.engine.tensor;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Decodes ggml tensor blocks to floats with the arithmetic of ggml's {@code dequantize_row_*}
 * (same operand order, one rounding per operation), so its output is the exact value every fast
 * kernel must reproduce. Written for clarity, not speed. Stateless and thread-safe.
 *
 * <p>Supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K.
 */
public final class Dequantizer {
    private Dequantizer() {}

    /**
     * Decodes {@code count} elements stored from byte {@code srcOffset} of {@code src}.
     *
     * @param count a multiple of the type's block size
     * @throws IllegalArgumentException if the type is not supported or {@code count} is not a
     *     multiple of its block size
     * @throws IndexOutOfBoundsException if {@code src} or {@code dst} is too short
     */
    public static void dequantize(GgmlType type, MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count) {
        if (!Quantizer.canEncode(type)) throw new IllegalArgumentException("cannot decode " + type);
        long bytes = type.byteSize(count);
        java.util.Objects.checkFromIndexSize(dstOffset, count, dst.length);
        java.util.Objects.checkFromIndexSize(srcOffset, bytes, src.byteSize());
        int bs = type.blockSize();
        byte[] block = new byte[type.bytesPerBlock()];
        for (int b = 0; b < count / bs; b++) {
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, srcOffset + (long) b * block.length, block, 0, block.length);
            decodeBlock(type, block, dst, dstOffset + b * bs);
        }
    }

    /** Decodes a whole segment of {@code type} data. */
    public static float[] dequantize(GgmlType type, MemorySegment src) {
        long blocks = src.byteSize() / type.bytesPerBlock();
        if (blocks * type.bytesPerBlock() != src.byteSize()) {
            throw new IllegalArgumentException(src.byteSize() + " bytes is not a whole number of " + type + " blocks of " + type.bytesPerBlock());
        }
        float[] out = new float[Math.toIntExact(blocks * type.blockSize())];
        dequantize(type, src, 0, out, 0, out.length);
        return out;
    }

    /** Decodes a whole array of {@code type} data. */
    public static float[] dequantize(GgmlType type, byte[] src) {
        return dequantize(type, MemorySegment.ofArray(src));
    }

    private static void decodeBlock(GgmlType type, byte[] b, float[] y, int o) {
        switch (type) {
            case F32 -> y[o] = Float.intBitsToFloat(i32(b, 0));
            case F16 -> y[o] = f16(b, 0);
            case BF16 -> y[o] = Float.intBitsToFloat((b[0] & 0xFF | (b[1] & 0xFF) << 8) << 16);
            case Q8_0 -> {
                float d = f16(b, 0);
                for (int j = 0; j < 32; j++) y[o + j] = b[2 + j] * d;
            }
            case Q4_0 -> {
                float d = f16(b, 0);
                for (int j = 0; j < 16; j++) {
                    y[o + j] = ((b[2 + j] & 0x0F) - 8) * d;
                    y[o + j + 16] = (((b[2 + j] & 0xFF) >> 4) - 8) * d;
                }
            }
            case Q4_1 -> {
                float d = f16(b, 0), m = f16(b, 2);
                for (int j = 0; j < 16; j++) {
                    y[o + j] = (b[4 + j] & 0x0F) * d + m;
                    y[o + j + 16] = ((b[4 + j] & 0xFF) >> 4) * d + m;
                }
            }
            case Q5_0 -> {
                float d = f16(b, 0);
                int qh = i32(b, 2);
                for (int j = 0; j < 16; j++) {
                    y[o + j] = (((b[6 + j] & 0x0F) | (((qh >>> j) << 4) & 0x10)) - 16) * d;
                    y[o + j + 16] = ((((b[6 + j] & 0xFF) >> 4) | ((qh >>> (j + 12)) & 0x10)) - 16) * d;
                }
            }
            case Q5_1 -> {
                float d = f16(b, 0), m = f16(b, 2);
                int qh = i32(b, 4);
                for (int j = 0; j < 16; j++) {
                    y[o + j] = ((b[8 + j] & 0x0F) | (((qh >>> j) << 4) & 0x10)) * d + m;
                    y[o + j + 16] = (((b[8 + j] & 0xFF) >> 4) | ((qh >>> (j + 12)) & 0x10)) * d + m;
                }
            }
            case Q4_K -> q4K(b, y, o);
            case Q5_K -> q5K(b, y, o);
            case Q6_K -> q6K(b, y, o);
            default -> throw new AssertionError(type);
        }
    }

    // dequantize_row_q4_K: y = d*scale*q - dmin*min per 32-element sub-block
    private static void q4K(byte[] b, float[] y, int o) {
        float d = f16(b, 0), min = f16(b, 2);
        int q = 16;
        for (int j = 0, is = 0; j < 256; j += 64, is += 2, q += 32) {
            float d1 = d * scaleK4(b, 4, is), m1 = min * minK4(b, 4, is);
            float d2 = d * scaleK4(b, 4, is + 1), m2 = min * minK4(b, 4, is + 1);
            for (int l = 0; l < 32; l++) y[o + j + l] = d1 * (b[q + l] & 0xF) - m1;
            for (int l = 0; l < 32; l++) y[o + j + 32 + l] = d2 * ((b[q + l] & 0xFF) >> 4) - m2;
        }
    }

    // dequantize_row_q5_K: as Q4_K with a fifth bit per element from qh
    private static void q5K(byte[] b, float[] y, int o) {
        float d = f16(b, 0), min = f16(b, 2);
        int qh = 16, ql = 48;
        int u1 = 1, u2 = 2;
        for (int j = 0, is = 0; j < 256; j += 64, is += 2, ql += 32, u1 <<= 2, u2 <<= 2) {
            float d1 = d * scaleK4(b, 4, is), m1 = min * minK4(b, 4, is);
            float d2 = d * scaleK4(b, 4, is + 1), m2 = min * minK4(b, 4, is + 1);
            for (int l = 0; l < 32; l++) y[o + j + l] = d1 * ((b[ql + l] & 0xF) + ((b[qh + l] & u1) != 0 ? 16 : 0)) - m1;
            for (int l = 0; l < 32; l++) y[o + j + 32 + l] = d2 * (((b[ql + l] & 0xFF) >> 4) + ((b[qh + l] & u2) != 0 ? 16 : 0)) - m2;
        }
    }

    // dequantize_row_q6_K: y = d * scale * (q - 32), q from 4 low bits in ql and 2 high bits in qh
    private static void q6K(byte[] b, float[] y, int o) {
        float d = f16(b, 208);
        int ql = 0, qh = 128, sc = 192;
        for (int n = 0; n < 256; n += 128, ql += 64, qh += 32, sc += 8) {
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = b[qh + l] & 0xFF;
                int q1 = ((b[ql + l] & 0xF) | ((h & 3) << 4)) - 32;
                int q2 = ((b[ql + l + 32] & 0xF) | (((h >> 2) & 3) << 4)) - 32;
                int q3 = (((b[ql + l] & 0xFF) >> 4) | (((h >> 4) & 3) << 4)) - 32;
                int q4 = (((b[ql + l + 32] & 0xFF) >> 4) | (((h >> 6) & 3) << 4)) - 32;
                y[o + n + l] = d * b[sc + is] * q1;
                y[o + n + l + 32] = d * b[sc + is + 2] * q2;
                y[o + n + l + 64] = d * b[sc + is + 4] * q3;
                y[o + n + l + 96] = d * b[sc + is + 6] * q4;
            }
        }
    }

    /** ggml's get_scale_min_k4, scale half: 6-bit scale {@code j} of the 12 bytes at {@code s}. */
    static int scaleK4(byte[] b, int s, int j) {
        return j < 4 ? b[s + j] & 63 : (b[s + j + 4] & 0xF) | (((b[s + j - 4] & 0xFF) >> 6) << 4);
    }

    /** ggml's get_scale_min_k4, min half. */
    static int minK4(byte[] b, int s, int j) {
        return j < 4 ? b[s + j + 4] & 63 : ((b[s + j + 4] & 0xFF) >> 4) | (((b[s + j] & 0xFF) >> 6) << 4);
    }

    private static float f16(byte[] b, int o) {
        return Float.float16ToFloat((short) (b[o] & 0xFF | (b[o + 1] & 0xFF) << 8));
    }

    private static int i32(byte[] b, int o) {
        return b[o] & 0xFF | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
    }
}
