package ai.glassbox.engine.model;

import ai.glassbox.engine.kernel.Activations;

/**
 * Preallocated buffers for one inference session: a batch of up to {@code maxBatch} tokens flows
 * through them, so the per-token loop allocates nothing. Not thread-safe.
 */
final class ForwardState {
    final int maxBatch;
    final float[][] x;
    final float[][] xb;
    final float[][] q;
    final float[][] k;
    final float[][] v;
    final float[][] att;
    final float[][] hb;
    final float[][] hb2;
    final float[][] logits;
    final float[][] scores;
    final float[] cos;
    final float[] sin;
    final Activations[] acts;
    /** The session's own cache; a {@link StepBatch}'s buffers have none (an empty one). */
    final KvCache kv;
    /** Per batch slot: the cache it belongs to, its position there, whether it wants logits. */
    final KvCache[] slotCache;
    final int[] slotPosition;
    final boolean[] slotLogits;

    ForwardState(ModelConfig c, int contextLength, int maxBatch) {
        this(c, contextLength, maxBatch, contextLength);
    }

    /** Buffers for batches of {@code maxBatch} slots over caches of {@code contextLength}, with a cache of {@code ownContext} positions. */
    ForwardState(ModelConfig c, int contextLength, int maxBatch, int ownContext) {
        this.maxBatch = maxBatch;
        int attDim = c.heads() * c.valueHeadDim();
        x = new float[maxBatch][c.dim()];
        xb = new float[maxBatch][c.dim()];
        q = new float[maxBatch][c.queryDim()];
        k = new float[maxBatch][c.kvDim()];
        v = new float[maxBatch][c.valueDim()];
        att = new float[maxBatch][attDim];
        hb = new float[maxBatch][c.ffnDim()];
        hb2 = new float[maxBatch][c.ffnDim()];
        logits = new float[maxBatch][];
        scores = new float[c.heads()][contextLength];
        int pairs = c.ropeDims() / 2;
        cos = new float[maxBatch * pairs];
        sin = new float[maxBatch * pairs];
        int widest = Math.max(Math.max(c.dim(), c.ffnDim()), attDim);
        acts = new Activations[maxBatch];
        for (int i = 0; i < maxBatch; i++) acts[i] = new Activations(widest);
        kv = new KvCache(c, ownContext);
        slotCache = new KvCache[maxBatch];
        slotPosition = new int[maxBatch];
        slotLogits = new boolean[maxBatch];
    }

    /** The logits row of batch slot {@code b}, allocated on first use. */
    float[] logitsRow(int b, int vocab) {
        if (logits[b] == null) logits[b] = new float[vocab];
        return logits[b];
    }
}
