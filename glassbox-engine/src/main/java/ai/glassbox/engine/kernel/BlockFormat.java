package ai.glassbox.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    // Little-endian views of a heap copy of the weights (the vector kernels' row tiles).
    private static final VarHandle ARRAY_I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle ARRAY_I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle ARRAY_I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** An fp16 field at {@code off} of a row copy, widened exactly to float. */
    static float f16(byte[] s, int off) {
        return Float.float16ToFloat((short) ARRAY_I16.get(s, off));
    }

    /** A little-endian int at {@code off} of a row copy. */
    static int i32(byte[] s, int off) {
        return (int) ARRAY_I32.get(s, off);
    }

    /** {@link #kScales(MemorySegment, long)} on a row copy. */
    static long kScales(byte[] s, int scales) {
        long a = (long) ARRAY_I64.get(s, scales);
        int c = (int) ARRAY_I32.get(s, scales + 8);
        int high = (c & 0x0F0F0F0F) | ((int) (a >>> 2) & 0x30303030);
        return (a & 0x3F3F3F3FL) | (high & 0xFFFFFFFFL) << 32;
    }

    /** {@link #kMins(MemorySegment, long)} on a row copy. */
    static long kMins(byte[] s, int scales) {
        long a = (long) ARRAY_I64.get(s, scales);
        int c = (int) ARRAY_I32.get(s, scales + 8);
        int high = ((c >>> 4) & 0x0F0F0F0F) | ((int) (a >>> 34) & 0x30303030);
        return ((a >>> 32) & 0x3F3F3F3FL) | (high & 0xFFFFFFFFL) << 32;
    }

    /**
     * The eight six-bit scales of a Q4_K/Q5_K {@code scales[12]} array ({@code get_scale_min_k4}),
     * scale j in byte j of the result: j < 4 is the low 6 bits of byte j; j >= 4 is the low nibble
     * of byte j + 4 with the top 2 bits of byte j - 4 above it.
     */
    static long kScales(MemorySegment s, long scales) {
        long a = s.get(I64, scales);
        int c = s.get(I32, scales + 8);
        int high = (c & 0x0F0F0F0F) | ((int) (a >>> 2) & 0x30303030);
        return (a & 0x3F3F3F3FL) | (high & 0xFFFFFFFFL) << 32;
    }

    /**
     * The eight six-bit mins, min j in byte j: j < 4 is the low 6 bits of byte j + 4; j >= 4 is
     * the high nibble of byte j + 4 with the top 2 bits of byte j above it.
     */
    static long kMins(MemorySegment s, long scales) {
        long a = s.get(I64, scales);
        int c = s.get(I32, scales + 8);
        int high = ((c >>> 4) & 0x0F0F0F0F) | ((int) (a >>> 34) & 0x30303030);
        return ((a >>> 32) & 0x3F3F3F3FL) | (high & 0xFFFFFFFFL) << 32;
    }

    /** Byte j (0..7) of a packed value from {@link #kScales} or {@link #kMins}. */
    static int byteOf(long packed, int j) {
        return (int) (packed >>> (8 * j)) & 0xFF;
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
