package ai.glassbox.engine.model;

import ai.glassbox.engine.kernel.WeightMatrix;

/**
 * The tensors of one transformer block ({@code blk.N.*}). Optional vectors (biases, q/k norms) are
 * empty arrays when the architecture has none.
 */
record LayerWeights(
        float[] attnNorm,
        WeightMatrix wq,
        WeightMatrix wk,
        WeightMatrix wv,
        WeightMatrix wo,
        float[] bq,
        float[] bk,
        float[] bv,
        float[] qNorm,
        float[] kNorm,
        float[] ffnNorm,
        WeightMatrix wGate,
        WeightMatrix wUp,
        WeightMatrix wDown) {}
