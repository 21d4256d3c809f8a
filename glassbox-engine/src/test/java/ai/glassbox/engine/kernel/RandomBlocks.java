package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Random weight matrices and activations for differential tests. Quantized blocks mix plain random
 * bytes with extreme quants (nibbles 0 and 15, int8 -128 and 127) and extreme fp16 scales (zero,
 * negative zero, smallest subnormal, smallest normal, largest finite, negative values).
 */
final class RandomBlocks {
    static final GgmlType[] TYPES = {
        GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1,
        GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K
    };
    static final GgmlType[] QUANTIZED = {
        GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K
    };

    /** Seed from -Dglassbox.test.seed, else fixed per run start time (printed by the tests). */
    static final long SEED = Long.getLong("glassbox.test.seed", System.nanoTime());

    private static final short[] EDGE_HALVES = {
        0x0000, (short) 0x8000, 0x0001, (short) 0x8001, 0x0400, 0x7bff, (short) 0xfbff, 0x3c00, (short) 0xbc00, 0x2000
    };
    private static final byte[] EDGE_BYTES = {0x00, (byte) 0xFF, (byte) 0x80, 0x7F, 0x0F, (byte) 0xF0};
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RandomBlocks() {}

    /** A random {@code rows x cols} matrix; {@code extremes} adds edge quants and scales. */
    static WeightMatrix matrix(GgmlType type, int rows, int cols, SplittableRandom rnd, boolean extremes) {
        long rowBytes = type.byteSize(cols);
        MemorySegment seg = MemorySegment.ofArray(new byte[Math.toIntExact(rows * rowBytes)]);
        int blocks = rows * (cols / type.blockSize());
        for (int b = 0; b < blocks; b++) fillBlock(type, seg, (long) b * type.bytesPerBlock(), rnd, extremes);
        return new WeightMatrix("random-" + type, type, seg, rows, cols);
    }

    private static void fillBlock(GgmlType type, MemorySegment seg, long o, SplittableRandom rnd, boolean extremes) {
        switch (type) {
            case F32 -> seg.set(F32, o, (float) gaussian(rnd));
            case F16 -> seg.set(I16, o, Float.floatToFloat16((float) gaussian(rnd) * (rnd.nextInt(8) == 0 ? 1000f : 1f)));
            case BF16 -> seg.set(I16, o, (short) (Float.floatToRawIntBits((float) gaussian(rnd)) >>> 16));
            default -> {
                int n = type.bytesPerBlock();
                boolean edgeQuants = extremes && rnd.nextInt(4) == 0;
                byte edge = EDGE_BYTES[rnd.nextInt(EDGE_BYTES.length)];
                for (int i = 0; i < n; i++) seg.set(ValueLayout.JAVA_BYTE, o + i, edgeQuants ? edge : (byte) rnd.nextInt(256));
                for (long f : halfOffsets(type)) seg.set(I16, o + f, scale(rnd, extremes));
            }
        }
    }

    /** Byte offsets of the fp16 fields (scales and mins) of one block. */
    static long[] halfOffsets(GgmlType type) {
        return switch (type) {
            case Q8_0, Q4_0, Q5_0 -> new long[] {0};
            case Q4_1, Q5_1, Q4_K, Q5_K -> new long[] {0, 2};
            case Q6_K -> new long[] {208};
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private static short scale(SplittableRandom rnd, boolean extremes) {
        if (extremes && rnd.nextInt(3) == 0) return EDGE_HALVES[rnd.nextInt(EDGE_HALVES.length)];
        return Float.floatToFloat16((float) (gaussian(rnd) * 0.02));
    }

    /** Gaussian activations with occasional all-zero blocks and outliers. */
    static float[] activations(int n, SplittableRandom rnd) {
        float[] x = new float[n];
        boolean zeroFirstBlock = rnd.nextInt(4) == 0;
        for (int i = 0; i < n; i++) {
            x[i] = (float) gaussian(rnd);
            if (rnd.nextInt(50) == 0) x[i] *= 40f;
        }
        if (zeroFirstBlock) java.util.Arrays.fill(x, 0, Math.min(n, 32), 0f);
        return x;
    }

    static double gaussian(SplittableRandom rnd) {
        return rnd.nextGaussian();
    }
}
