package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;
import java.util.Optional;

/**
 * An activation vector prepared for dot products with one weight type: the floats themselves for
 * float weights, or 8-bit blocks for quantized weights (ggml's {@code vec_dot_type}: Q8_0, Q8_1 or
 * Q8_K). Reused across tokens: allocate once per inference session with the largest {@code n} it
 * will hold; preparing never allocates. Not thread-safe to prepare; safe to read from many threads
 * once prepared.
 */
public final class Activations {
    final int capacity;
    /** The float values (always kept, also for quantized weights). */
    final float[] f32;
    /** Quantized values (int8 range, widened to short so vector code loads them directly). */
    final short[] q;
    /** Quantized values as floats, permuted into lane order ({@code ActivationQuantizer.permuteLanes}). */
    final float[] lanes;
    /**
     * Adjacent quantized values packed for a widening multiply in int lanes: pair j holds
     * {@code (q[2j] << 16) + q[2j + 1]} (see {@code VectorKernels}).
     */
    final int[] qPairs;
    /**
     * Per 32-element block, Q8_0 only: for each lane k, {@code 2^15 + ((-8 * sum of q over the
     * lane's elements) << 16)}: the start value of a Q4_0 block's packed lane sums.
     */
    final int[] q4Bias;
    /** Per block: Q8_0/Q8_1 the fp16-rounded scale d (32 elements); Q8_K the float scale d (256). */
    final float[] scale;
    /** Per 32-element block, Q8_1 only: the fp16-rounded {@code s = d * sum(q)}. */
    final float[] blockSum;
    /** Per 16 elements, Q8_K only: the sum of the 16 quantized values ({@code bsums}). */
    final int[] bsums;
    /** Per 32 elements, Q8_K only: {@code bsums[2j] + bsums[2j + 1]}, the K-quant group sums. */
    final int[] groupSums;
    /** Number of valid elements. */
    int n;
    /** How many times this buffer has been prepared: tells derived copies whether they are current. */
    int preparations;
    /** The weight type these activations were last prepared for. */
    GgmlType preparedFor;
    /** The activation format: F32 for float weights, else Q8_0, Q8_1 or Q8_K. */
    GgmlType format;

    /**
     * @param capacity the largest number of elements this buffer will be prepared with
     * @throws IllegalArgumentException if capacity is not positive
     */
    public Activations(int capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("activation capacity must be positive, got " + capacity);
        this.capacity = capacity;
        this.f32 = new float[capacity];
        this.q = new short[capacity];
        this.lanes = new float[capacity];
        this.qPairs = new int[(capacity + 1) / 2];
        this.q4Bias = new int[(capacity + 31) / 32 * ScalarKernels.QUANT_LANES];
        this.scale = new float[(capacity + 31) / 32];
        this.blockSum = new float[(capacity + 31) / 32];
        this.bsums = new int[(capacity + 15) / 16];
        this.groupSums = new int[(capacity + 31) / 32];
    }

    /** Number of valid elements. */
    /**
     * The activation format a weight type's dot products use (ggml's {@code vec_dot_type}): weights
     * whose formats are equal can share one prepared activation vector.
     */
    public static GgmlType formatFor(GgmlType weightType) {
        return ActivationQuantizer.formatFor(weightType);
    }

    public int size() {
        return n;
    }

    /** The largest number of elements this buffer holds. */
    public int capacity() {
        return capacity;
    }

    /** The weight type these activations were last prepared for; empty before the first prepare. */
    public Optional<GgmlType> preparedFor() {
        return Optional.ofNullable(preparedFor);
    }
}
