package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;

/**
 * The numeric kernels behind the model. {@link ScalarKernels} is the reference and defines the
 * canonical order of every reduction; {@link VectorKernels} reproduces it bit for bit with the
 * Vector API at any hardware vector width. See docs/determinism.md.
 *
 * <p>Implementations are stateless and thread-safe; buffers passed in belong to the caller.
 */
public sealed interface Kernels permits ScalarKernels, VectorKernels {

    /** Dot product of {@code n} floats in the canonical 16-lane order. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** Sum of {@code n} floats in the canonical 16-lane order (same order as {@link #dot}). */
    float sum(float[] a, int aOff, int n);

    /**
     * Prepares the activation vector {@code x[xOff, xOff+n)} for dot products with rows of
     * {@code weightType} (for quantized weights: quantizes it to 8-bit blocks as ggml's
     * {@code vec_dot_type} does).
     */
    void prepare(GgmlType weightType, float[] x, int xOff, int n, Activations out);

    /**
     * {@code out[outOff + (r - rowStart)] = dot(row r of w, act)} for every row r in
     * {@code [rowStart, rowEnd)}; {@code act} must have been prepared for {@code w.type()} with
     * {@code n == w.cols()}.
     */
    void matVec(WeightMatrix w, Activations act, float[] out, int outOff, int rowStart, int rowEnd);

    /** Dequantizes row {@code row} of {@code w} into {@code out[outOff, outOff + w.cols())}. */
    void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff);
}
