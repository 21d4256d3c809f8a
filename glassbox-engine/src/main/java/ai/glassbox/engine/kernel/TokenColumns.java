package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;
import java.util.Arrays;

/**
 * A batch's per-block activation fields transposed token-minor (field {@code f} of token
 * {@code t} at {@code f * stride + t}), so that the min terms of one decoded row for a run of
 * tokens are vector operations with one token per lane: each lane performs exactly the
 * reference's scalar operations for its token. Lanes past the batch hold zeros.
 *
 * <p>A per-thread scratch buffer; not thread-safe.
 */
final class TokenColumns {
    /** Per block: the activation scale. */
    float[] scale = new float[0];
    /** Per block, Q8_1: the fp16 {@code d * sum(q)}. */
    float[] blockSum = new float[0];
    /** Per 32-element group, Q8_K: the group sums. */
    int[] groupSums = new int[0];
    /** Lanes per field: the batch rounded up to whole vectors. */
    int stride;
    /** What was loaded last: the batch and each buffer's preparation count. */
    private Activations[] source = new Activations[0];
    private int[] preparations = new int[0];
    private int count = -1;
    private GgmlType format;

    /**
     * Transposes the fields the min terms of {@code weightType} read, for {@code count} tokens,
     * unless they are loaded already: a batch's rows are split into several tasks per thread,
     * and the matrices that share an input (q, k, v; gate, up) share its prepared activations.
     */
    void load(GgmlType weightType, Activations[] acts, int count, int blocks, int lanes) {
        int wanted = (count + lanes - 1) / lanes * lanes;
        // the stride is part of the key: kernels of another vector width read whole vectors of their own
        if (wanted == stride && current(acts, count)) return;
        remember(acts, count);
        stride = wanted;
        switch (weightType) {
            case Q4_1, Q5_1 -> {
                blockSum = fit(blockSum, blocks * stride);
                for (int t = 0; t < count; t++) {
                    for (int b = 0; b < blocks; b++) blockSum[b * stride + t] = acts[t].blockSum[b];
                }
            }
            case Q4_K, Q5_K -> {
                scale = fit(scale, blocks * stride);
                groupSums = fit(groupSums, 8 * blocks * stride);
                for (int t = 0; t < count; t++) {
                    Activations a = acts[t];
                    for (int b = 0; b < blocks; b++) scale[b * stride + t] = a.scale[b];
                    for (int g = 0; g < 8 * blocks; g++) groupSums[g * stride + t] = a.groupSums[g];
                }
            }
            default -> {}
        }
    }

    private boolean current(Activations[] acts, int count) {
        if (count != this.count || acts[0].format != format) return false;
        for (int t = 0; t < count; t++) {
            if (source[t] != acts[t] || preparations[t] != acts[t].preparations) return false;
        }
        return true;
    }

    private void remember(Activations[] acts, int count) {
        if (source.length < count) {
            source = new Activations[count];
            preparations = new int[count];
        }
        for (int t = 0; t < count; t++) {
            source[t] = acts[t];
            preparations[t] = acts[t].preparations;
        }
        this.count = count;
        format = acts[0].format;
    }

    private float[] fit(float[] a, int n) {
        if (a.length < n) return new float[n];
        Arrays.fill(a, 0, n, 0f);
        return a;
    }

    private int[] fit(int[] a, int n) {
        if (a.length < n) return new int[n];
        Arrays.fill(a, 0, n, 0);
        return a;
    }
}
