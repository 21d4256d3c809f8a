package ai.glassbox.engine.model;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.kernel.Activations;
import ai.glassbox.engine.kernel.Kernels;
import ai.glassbox.engine.kernel.WeightMatrix;

/**
 * The forward pass shared by llama, qwen2 and qwen3: pre-norm blocks of grouped-query attention
 * with RoPE and a SwiGLU feed-forward network.
 *
 * <p>Determinism: every output element is computed by one thread with one kernel call, whatever
 * the thread count; a token's computation is the same whether it is alone or in a batch (the
 * batch only changes loop nesting); attention for position p reads cached keys of positions 0..p
 * in ascending order. Immutable and thread-safe; per-session data lives in {@link ForwardState}.
 */
final class Transformer {
    /** Rows per work item when splitting a matrix over threads. */
    private static final int ROW_GRAIN = 16;
    /**
     * Multiply-adds a thread's share of a product must reach before it is worth handing to the
     * pool: below it (tiny models, single tokens) waking workers costs more than the work. The
     * split never changes a result, only who computes which rows.
     */
    static final long MIN_MACS_PER_TASK = 1L << 16;
    /**
     * Weight bytes a task of a product streams at least, per token: each task restarts the
     * kernels' row copies and the CPU's prefetchers at a new address. Decoding Q4_0 on 2 threads,
     * tasks of 64 to 128 KiB read about 10 % faster than tasks of 36 to 50 KiB.
     */
    static final long MIN_WEIGHT_BYTES_PER_TASK = 128 * 1024;
    /** Tasks per thread a product is cut into at least, so that a late thread can be caught up. */
    static final int MIN_TASKS_PER_THREAD = 4;

    private final ModelConfig c;
    private final ModelWeights w;
    private final Kernels kernels;
    private final Rope rope;

    Transformer(ModelConfig config, ModelWeights weights, Kernels kernels) {
        this.c = config;
        this.w = weights;
        this.kernels = kernels;
        this.rope = new Rope(config, weights.ropeFreqFactors());
    }

    ModelConfig config() {
        return c;
    }

    /**
     * Runs {@code count} tokens at positions {@code startPos, startPos+1, …} through the model,
     * appending their keys and values to the cache. Logits are written to
     * {@code s.logitsRow(b, vocab)} for the batch slots {@code b >= firstLogit}.
     */
    void forward(ForwardState s, WorkerPool pool, int[] tokens, int tokOff, int count, int startPos, int firstLogit) {
        if (count < 1 || count > s.maxBatch) throw new IllegalArgumentException("batch of " + count + " tokens (1 to " + s.maxBatch + ")");
        if (startPos + count > s.kv.contextLength) {
            throw new ContextOverflowException(startPos + count, s.kv.contextLength);
        }
        for (int b = 0; b < count; b++) {
            s.slotCache[b] = s.kv;
            s.slotPosition[b] = startPos + b;
            s.slotLogits[b] = b >= firstLogit;
        }
        forwardSlots(s, pool, tokens, tokOff, count);
        s.kv.setLength(startPos + count);
    }

    /**
     * Runs one batch whose slots may belong to different sequences: slot {@code b} is token
     * {@code tokens[tokOff + b]} at position {@code s.slotPosition[b]} of the sequence whose cache
     * is {@code s.slotCache[b]}, and gets logits when {@code s.slotLogits[b]}. Slots of one
     * sequence must be consecutive positions in ascending order; every cache must already hold the
     * positions before its first slot. Caches' lengths are left to the caller. A slot's result is
     * the same bits as if its sequence ran alone: products are per token, and attention reads
     * only the slot's own cache.
     */
    void forwardSlots(ForwardState s, WorkerPool pool, int[] tokens, int tokOff, int count) {
        if (count < 1 || count > s.maxBatch) throw new IllegalArgumentException("batch of " + count + " tokens (1 to " + s.maxBatch + ")");
        int longest = 0;
        boolean allLogits = true;
        for (int b = 0; b < count; b++) {
            int token = tokens[tokOff + b];
            if (token < 0 || token >= c.vocabSize()) throw new IllegalArgumentException("token id " + token + " outside the vocabulary [0, " + c.vocabSize() + ")");
            int pos = s.slotPosition[b];
            if (pos < 0 || pos >= s.slotCache[b].contextLength || pos >= s.scores[0].length) {
                throw new ContextOverflowException(pos + 1, Math.min(s.slotCache[b].contextLength, s.scores[0].length));
            }
            longest = Math.max(longest, pos + 1);
            allLogits &= s.slotLogits[b];
            kernels.dequantizeRow(w.tokenEmbedding(), token, s.x[b], 0);
            rope.angles(pos, s.cos, s.sin, b * rope.pairs());
        }
        for (int l = 0; l < c.layers(); l++) {
            layer(s, pool, l, w.layers().get(l), count, longest);
        }
        boolean any = false;
        for (int b = 0; b < count; b++) {
            if (!s.slotLogits[b]) continue;
            any = true;
            MathFunctions.rmsNorm(s.xb[b], 0, s.x[b], 0, w.outputNorm(), c.dim(), c.rmsNormEps());
            s.logitsRow(b, c.vocabSize());
            kernels.prepare(w.output().type(), s.xb[b], 0, c.dim(), s.acts[b]);
        }
        if (!any) return;
        boolean all = allLogits;
        int wanted = 0;
        for (int b = 0; b < count; b++) if (s.slotLogits[b]) wanted++;
        pool.forRange(c.vocabSize(), rowGrain(w.output(), 64, wanted, pool.threads()), (r0, r1) -> {
            if (all) {
                kernels.matMul(w.output(), s.acts, count, s.logits, r0, r1);
            } else {
                for (int b = 0; b < count; b++) if (s.slotLogits[b]) kernels.matVec(w.output(), s.acts[b], s.logits[b], r0, r0, r1);
            }
        });
    }

    private void layer(ForwardState s, WorkerPool pool, int l, LayerWeights lw, int count, int longest) {
        // attention block
        for (int b = 0; b < count; b++) MathFunctions.rmsNorm(s.xb[b], 0, s.x[b], 0, lw.attnNorm(), c.dim(), c.rmsNormEps());
        prepare(s, lw.wq().type(), s.xb, 0, count, c.dim());
        matMul(pool, lw.wq(), s, s.q, count);
        prepareIfDifferent(s, lw.wq().type(), lw.wk().type(), s.xb, count, c.dim());
        matMul(pool, lw.wk(), s, s.k, count);
        prepareIfDifferent(s, lw.wk().type(), lw.wv().type(), s.xb, count, c.dim());
        matMul(pool, lw.wv(), s, s.v, count);
        for (int b = 0; b < count; b++) {
            addBias(s.q[b], lw.bq());
            addBias(s.k[b], lw.bk());
            addBias(s.v[b], lw.bv());
            if (lw.qNorm().length > 0) {
                for (int h = 0; h < c.heads(); h++) MathFunctions.rmsNorm(s.q[b], h * c.headDim(), s.q[b], h * c.headDim(), lw.qNorm(), c.headDim(), c.rmsNormEps());
                for (int h = 0; h < c.kvHeads(); h++) MathFunctions.rmsNorm(s.k[b], h * c.headDim(), s.k[b], h * c.headDim(), lw.kNorm(), c.headDim(), c.rmsNormEps());
            }
            rope.rotate(s.q[b], 0, c.heads(), c.headDim(), s.cos, s.sin, b * rope.pairs());
            rope.rotate(s.k[b], 0, c.kvHeads(), c.headDim(), s.cos, s.sin, b * rope.pairs());
            KvCache kv = s.slotCache[b];
            System.arraycopy(s.k[b], 0, kv.keys[l], s.slotPosition[b] * c.kvDim(), c.kvDim());
            System.arraycopy(s.v[b], 0, kv.values[l], s.slotPosition[b] * c.valueDim(), c.valueDim());
        }
        // one head's work: count queries over up to longest positions, key and value dot products
        pool.forRange(c.heads(), grain(1, 2L * c.headDim() * longest, count), (h0, h1) -> {
            for (int h = h0; h < h1; h++) attendHead(s, l, h, count);
        });
        prepare(s, lw.wo().type(), s.att, 0, count, c.heads() * c.valueHeadDim());
        matMul(pool, lw.wo(), s, s.xb, count);
        for (int b = 0; b < count; b++) add(s.x[b], s.xb[b], c.dim());

        // feed-forward block
        for (int b = 0; b < count; b++) MathFunctions.rmsNorm(s.xb[b], 0, s.x[b], 0, lw.ffnNorm(), c.dim(), c.rmsNormEps());
        prepare(s, lw.wGate().type(), s.xb, 0, count, c.dim());
        matMul(pool, lw.wGate(), s, s.hb, count);
        prepareIfDifferent(s, lw.wGate().type(), lw.wUp().type(), s.xb, count, c.dim());
        matMul(pool, lw.wUp(), s, s.hb2, count);
        for (int b = 0; b < count; b++) {
            float[] g = s.hb[b];
            float[] u = s.hb2[b];
            for (int i = 0; i < c.ffnDim(); i++) g[i] = MathFunctions.silu(g[i]) * u[i];
        }
        prepare(s, lw.wDown().type(), s.hb, 0, count, c.ffnDim());
        matMul(pool, lw.wDown(), s, s.xb, count);
        for (int b = 0; b < count; b++) add(s.x[b], s.xb[b], c.dim());
    }

    /** Scaled dot-product attention of query head {@code h} for every token of the batch. */
    private void attendHead(ForwardState s, int l, int h, int count) {
        int kvh = h / c.groupSize();
        int hd = c.headDim();
        int vhd = c.valueHeadDim();
        float scale = (float) (1.0 / Math.sqrt(hd));
        float[] sc = s.scores[h];
        for (int b = 0; b < count; b++) {
            int pos = s.slotPosition[b];
            float[] keys = s.slotCache[b].keys[l];
            float[] values = s.slotCache[b].values[l];
            float[] q = s.q[b];
            for (int t = 0; t <= pos; t++) {
                sc[t] = kernels.dot(q, h * hd, keys, t * c.kvDim() + kvh * hd, hd) * scale;
            }
            MathFunctions.softmax(sc, 0, pos + 1);
            float[] out = s.att[b];
            int o = h * vhd;
            java.util.Arrays.fill(out, o, o + vhd, 0f);
            // weighted sum over positions in ascending order; lanes are independent output elements
            for (int t = 0; t <= pos; t++) {
                float p = sc[t];
                int vo = t * c.valueDim() + kvh * vhd;
                for (int d = 0; d < vhd; d++) out[o + d] = Math.fma(p, values[vo + d], out[o + d]);
            }
        }
    }

    private void prepare(ForwardState s, GgmlType type, float[][] in, int from, int count, int n) {
        for (int b = from; b < count; b++) kernels.prepare(type, in[b], 0, n, s.acts[b]);
    }

    private void prepareIfDifferent(ForwardState s, GgmlType previous, GgmlType type, float[][] in, int count, int n) {
        if (Activations.formatFor(previous) != Activations.formatFor(type)) prepare(s, type, in, 0, count, n);
    }

    private void matMul(WorkerPool pool, WeightMatrix m, ForwardState s, float[][] out, int count) {
        pool.forRange(m.rows(), rowGrain(m, ROW_GRAIN, count, pool.threads()), (r0, r1) -> kernels.matMul(m, s.acts, count, out, r0, r1));
    }

    /**
     * Rows per task of a product of {@code m} with {@code tokens} tokens: {@link #grain}, raised
     * to {@link #MIN_WEIGHT_BYTES_PER_TASK} of weights per token while the product still makes
     * {@link #MIN_TASKS_PER_THREAD} tasks per thread.
     */
    static int rowGrain(WeightMatrix m, int minimum, int tokens, int threads) {
        int byMacs = grain(minimum, m.cols(), tokens);
        long perRow = m.rowBytes() * Math.max(1, tokens);
        long byBytes = (MIN_WEIGHT_BYTES_PER_TASK + perRow - 1) / perRow;
        long spread = Math.max(1, m.rows() / ((long) MIN_TASKS_PER_THREAD * threads));
        return (int) Math.max(byMacs, Math.min(byBytes, spread));
    }

    /** At least {@code minimum} items per task, and enough that a task holds {@link #MIN_MACS_PER_TASK}. */
    static int grain(int minimum, long macsPerItemAndToken, int tokens) {
        long perItem = Math.max(1, macsPerItemAndToken * Math.max(1, tokens));
        return (int) Math.max(minimum, Math.min(Integer.MAX_VALUE, (MIN_MACS_PER_TASK + perItem - 1) / perItem));
    }

    private static void addBias(float[] x, float[] bias) {
        for (int i = 0; i < bias.length; i++) x[i] += bias[i];
    }

    private static void add(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) x[i] += y[i];
    }
}
