package ai.glassbox.engine.kernel;

import static ai.glassbox.engine.kernel.BlockFormat.f16;
import static ai.glassbox.engine.kernel.BlockFormat.u8;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One quantized weight row decoded for batched products: its integer weights (K-quants: times
 * their group's scale) as exact floats in lane order, the same permutation as {@code
 * Activations.lanes}, plus the per-block scale and min fields. A dot product with lane-ordered
 * activations is then a plain float fma loop whose partial sums are integers below 2^24, hence
 * exact, and it reproduces the canonical lane sums {@code L[k]} of docs/determinism.md.
 *
 * <p>A per-thread scratch buffer: decoding overwrites it; not thread-safe.
 */
final class LaneRow {
    /** Integer weights as floats, lane-ordered per 32-element chunk. */
    float[] weights = new float[0];
    /** Per block: the weight scale (Q4_K/Q5_K {@code d}, Q6_K {@code d}, others {@code dw}). */
    float[] scale = new float[0];
    /** Per block: Q4_1/Q5_1 the fp16 min {@code mw}; Q4_K/Q5_K {@code dmin}. */
    float[] min = new float[0];
    /** Per block, Q4_K/Q5_K: the eight 6-bit group mins. */
    int[] groupMins = new int[0];
    /** Scratch for the 8 lanes of up to 4 tokens. */
    final float[] lanes = new float[4 * ScalarKernels.QUANT_LANES];
    /** Per token of a batch: the row's min term (whole vectors of lanes, so padded). */
    float[] minTerms = new float[0];

    /** Sizes the buffers for rows of {@code n} elements and batches of {@code tokens}. */
    void ensure(int n, int tokens) {
        int padded = (tokens + 15) & ~15;
        if (minTerms.length < padded) minTerms = new float[padded];
        ensure(n);
    }

    void ensure(int n) {
        if (weights.length < n) {
            weights = new float[n];
            scale = new float[n / 32];
            min = new float[n / 32];
            groupMins = new int[n / 32];
        }
    }

    /** Position of element i (0..31) of a chunk in lane order: 8j + k with k = lane32(i). */
    static int lanePosition(int i) {
        return 8 * ((i >>> 4 << 1) + (i & 1)) + ((i & 15) >>> 1);
    }

    /** Decodes row at byte offset {@code o} of {@code n} elements with plain loops (any type). */
    void decode(GgmlType t, MemorySegment s, long o, int n) {
        ensure(n);
        long bytes = t.bytesPerBlock();
        int nb = n / t.blockSize();
        for (int b = 0; b < nb; b++) {
            long bo = o + b * bytes;
            switch (t) {
                case Q8_0 -> {
                    scale[b] = f16(s, bo);
                    for (int i = 0; i < 32; i++) put(32 * b, i, s.get(ValueLayout.JAVA_BYTE, bo + 2 + i));
                }
                case Q4_0, Q4_1 -> {
                    boolean withMin = t == GgmlType.Q4_1;
                    scale[b] = f16(s, bo);
                    if (withMin) min[b] = f16(s, bo + 2);
                    long qs = bo + (withMin ? 4 : 2);
                    int bias = withMin ? 0 : 8;
                    for (int i = 0; i < 16; i++) {
                        int v = u8(s, qs + i);
                        put(32 * b, i, (v & 0xF) - bias);
                        put(32 * b, 16 + i, (v >>> 4) - bias);
                    }
                }
                case Q5_0, Q5_1 -> {
                    boolean withMin = t == GgmlType.Q5_1;
                    scale[b] = f16(s, bo);
                    if (withMin) min[b] = f16(s, bo + 2);
                    long hOff = bo + (withMin ? 4 : 2);
                    int qh = s.get(BlockFormat.I32, hOff);
                    int bias = withMin ? 0 : 16;
                    for (int i = 0; i < 16; i++) {
                        int v = u8(s, hOff + 4 + i);
                        put(32 * b, i, ((v & 0xF) | ((qh >>> i) & 1) << 4) - bias);
                        put(32 * b, 16 + i, ((v >>> 4) | ((qh >>> (i + 16)) & 1) << 4) - bias);
                    }
                }
                case Q4_K, Q5_K -> decodeK(t == GgmlType.Q5_K, s, bo, b);
                case Q6_K -> {
                    scale[b] = f16(s, bo + 208);
                    for (int h = 0; h < 2; h++) {
                        for (int k = 0; k < 4; k++) {
                            for (int l = 0; l < 32; l++) {
                                int sc = s.get(ValueLayout.JAVA_BYTE, bo + 192 + 8 * h + 2 * k + l / 16);
                                put(256 * b + 128 * h + 32 * k, l, sc * BlockFormat.q6(s, bo, h, l, k));
                            }
                        }
                    }
                }
                default -> throw new UnsupportedOperationException("no kernel for " + t);
            }
        }
    }

    private void decodeK(boolean fifthBit, MemorySegment s, long bo, int b) {
        scale[b] = f16(s, bo);
        min[b] = f16(s, bo + 2);
        long scales = BlockFormat.kScales(s, bo + 4);
        long mins = BlockFormat.kMins(s, bo + 4);
        long qs = bo + (fifthBit ? 48 : 16);
        for (int g = 0; g < 8; g++) {
            groupMins[8 * b + g] = BlockFormat.byteOf(mins, g);
            int sc = BlockFormat.byteOf(scales, g);
            for (int i = 0; i < 32; i++) {
                int v = (u8(s, qs + 32 * (g >>> 1) + i) >>> (4 * (g & 1))) & 0xF;
                if (fifthBit) v |= ((u8(s, bo + 16 + i) >>> g) & 1) << 4;
                put(256 * b + 32 * g, i, sc * v);
            }
        }
    }

    /** Records the K-quant block fields that the vector decoders do not write. */
    void decodeKFields(MemorySegment s, long bo, int b) {
        scale[b] = f16(s, bo);
        min[b] = f16(s, bo + 2);
        long mins = BlockFormat.kMins(s, bo + 4);
        for (int g = 0; g < 8; g++) groupMins[8 * b + g] = BlockFormat.byteOf(mins, g);
    }

    private void put(int chunk, int i, int value) {
        weights[chunk + lanePosition(i)] = value;
    }
}
