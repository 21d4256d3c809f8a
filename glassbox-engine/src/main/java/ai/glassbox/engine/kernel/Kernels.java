package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;

/**
 * The numeric kernels behind the model. {@link ScalarKernels} is the reference and defines the
 * canonical order of every reduction; {@link VectorKernels} reproduces it bit for bit with the
 * Vector API at any hardware vector width. See docs/determinism.md.
 *
 * <p>Supported weight types: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K.
 * Implementations are stateless and thread-safe; buffers passed in belong to the caller.
 */
public sealed interface Kernels permits ScalarKernels, VectorKernels {

    /** Dot product of {@code n} floats in the canonical 16-lane order. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** Sum of {@code n} floats in the canonical 16-lane order (same order as {@link #dot}). */
    float sum(float[] a, int aOff, int n);

    /**
     * Prepares the activation vector {@code x[xOff, xOff+n)} for dot products with rows of
     * {@code weightType}: for quantized weights it quantizes it to 8-bit blocks as ggml's
     * {@code vec_dot_type} does (Q8_0 for Q4_0/Q5_0/Q8_0, Q8_1 for Q4_1/Q5_1, Q8_K for K-quants).
     * Activations prepared for one type also serve every type with the same activation format.
     * Never allocates.
     *
     * @throws IllegalArgumentException if {@code n} exceeds the buffer's capacity or is not a
     *     multiple of the type's block size
     * @throws UnsupportedOperationException for an unsupported weight type
     */
    void prepare(GgmlType weightType, float[] x, int xOff, int n, Activations out);

    /**
     * {@code out[outOff + (r - rowStart)] = dot(row r of w, act)} for every row r in
     * {@code [rowStart, rowEnd)}; {@code act} must have been prepared for {@code w.type()} (or a
     * type with the same activation format) with {@code n == w.cols()}. Never allocates.
     *
     * @throws IllegalArgumentException if the activations do not fit the matrix
     */
    void matVec(WeightMatrix w, Activations act, float[] out, int outOff, int rowStart, int rowEnd);

    /**
     * Batched {@link #matVec}: {@code out[t][r] = dot(row r of w, acts[t])} for every token
     * {@code t < count} and row r in {@code [rowStart, rowEnd)}. Bit-identical to calling matVec
     * per token (the same per-row kernel), but rows are the outer loop so that each weight row is
     * read from memory once per batch. Never allocates.
     *
     * @throws IllegalArgumentException if some activations do not fit the matrix
     */
    void matMul(WeightMatrix w, Activations[] acts, int count, float[][] out, int rowStart, int rowEnd);

    /** Dequantizes row {@code row} of {@code w} into {@code out[outOff, outOff + w.cols())}. */
    void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff);
}
