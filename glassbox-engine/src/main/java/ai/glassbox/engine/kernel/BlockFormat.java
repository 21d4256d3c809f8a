package ai.glassbox.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Byte-level access to ggml's block layouts (ggml-common.h), shared by the scalar and vector
 * kernels so both decode scales and fields identically. All multi-byte fields are little-endian.
 */
final class BlockFormat {
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private BlockFormat() {}

    /** An fp16 field at {@code off}, widened exactly to float. */
    static float f16(MemorySegment s, long off) {
        return Float.float16ToFloat(s.get(I16, off));
    }

    /** An unsigned byte at {@code off}. */
    static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
    }

    /** Six-bit scale {@code j} (0..7) of a Q4_K/Q5_K {@code scales[12]} array ({@code get_scale_min_k4}). */
    static int kScale(MemorySegment s, long scales, int j) {
        if (j < 4) return u8(s, scales + j) & 63;
        return (u8(s, scales + j + 4) & 0xF) | ((u8(s, scales + j - 4) >>> 6) << 4);
    }

    /** Six-bit min {@code j} (0..7) of a Q4_K/Q5_K {@code scales[12]} array ({@code get_scale_min_k4}). */
    static int kMin(MemorySegment s, long scales, int j) {
        if (j < 4) return u8(s, scales + j + 4) & 63;
        return (u8(s, scales + j + 4) >>> 4) | ((u8(s, scales + j) >>> 6) << 4);
    }

    /**
     * Signed 6-bit value (-32..31) of a block_q6_K at {@code o}: half {@code h} (0..1), position
     * {@code l} (0..31), quarter {@code k} (0..3); it is element {@code 128h + 32k + l} of the block.
     */
    static int q6(MemorySegment s, long o, int h, int l, int k) {
        int ql = u8(s, o + 64 * h + l + (k & 1) * 32);
        int nibble = k < 2 ? ql & 0xF : ql >>> 4;
        int high = (u8(s, o + 128 + 32 * h + l) >>> (2 * k)) & 3;
        return (nibble | high << 4) - 32;
    }
}
