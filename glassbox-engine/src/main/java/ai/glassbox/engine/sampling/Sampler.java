package ai.glassbox.engine.sampling;

import java.util.Arrays;

/**
 * Picks tokens from logits with the chain llama.cpp uses by default: repetition penalty, top-k,
 * top-p, min-p, temperature, then a draw from the softmax. Every step is bit-specified (sorting by
 * logit with ties broken by id, exp from StrictMath, sums in double in rank order, a
 * {@link SplitMix64} draw), so a seed gives the same tokens everywhere. Not thread-safe; buffers
 * are reused across calls.
 */
public final class Sampler {
    private final SamplingParams params;
    private final SplitMix64 rng;
    private final int vocabSize;
    private final float[] work;
    private final Integer[] order;
    private final double[] probs;
    private final int[] recent;
    private int recentCount;

    public Sampler(SamplingParams params, int vocabSize) {
        this.params = params;
        this.rng = new SplitMix64(params.seed());
        this.vocabSize = vocabSize;
        this.work = new float[vocabSize];
        this.order = new Integer[vocabSize];
        this.probs = new double[vocabSize];
        this.recent = new int[Math.max(1, params.repeatLastN())];
    }

    /** Records a token as part of the history the repetition penalty sees (prompt and output). */
    public void accept(int token) {
        if (params.repeatLastN() == 0) return;
        if (recentCount < recent.length) {
            recent[recentCount++] = token;
        } else {
            System.arraycopy(recent, 1, recent, 0, recent.length - 1);
            recent[recent.length - 1] = token;
        }
    }

    /** Chooses the next token from {@code logits[0, vocabSize)}; the array is not modified. */
    public int sample(float[] logits) {
        System.arraycopy(logits, 0, work, 0, vocabSize);
        applyRepeatPenalty(work);
        if (params.greedyDecoding()) return argmax(work, vocabSize);

        for (int i = 0; i < vocabSize; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(work[b], work[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = vocabSize;
        if (params.topK() > 0) n = Math.min(n, params.topK());
        n = softmaxSorted(n, 1f);
        if (params.topP() < 1f) {
            double cum = 0;
            int keep = n;
            for (int i = 0; i < n; i++) {
                cum += probs[i];
                if (cum >= params.topP()) {
                    keep = i + 1;
                    break;
                }
            }
            n = keep;
        }
        if (params.minP() > 0f) {
            double threshold = probs[0] * params.minP();
            int keep = 1;
            while (keep < n && probs[keep] >= threshold) keep++;
            n = keep;
        }
        softmaxSorted(n, params.temperature());
        double u = rng.nextDouble();
        double cum = 0;
        for (int i = 0; i < n; i++) {
            cum += probs[i];
            if (u < cum) return order[i];
        }
        return order[n - 1];
    }

    /** Fills probs[0, n) with the softmax of the first n sorted logits divided by temperature. */
    private int softmaxSorted(int n, float temperature) {
        double max = work[order[0]] / (double) temperature;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            probs[i] = StrictMath.exp(work[order[i]] / (double) temperature - max);
            sum += probs[i];
        }
        for (int i = 0; i < n; i++) probs[i] /= sum;
        return n;
    }

    private void applyRepeatPenalty(float[] l) {
        float penalty = params.repeatPenalty();
        if (penalty == 1f || recentCount == 0) return;
        boolean[] seen = new boolean[vocabSize];
        for (int i = 0; i < recentCount; i++) {
            int t = recent[i];
            if (t < 0 || t >= vocabSize || seen[t]) continue;
            seen[t] = true;
            l[t] = l[t] > 0 ? l[t] / penalty : l[t] * penalty;
        }
    }

    /** Index of the largest value; the lowest index wins ties. */
    public static int argmax(float[] a, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (a[i] > a[best]) best = i;
        return best;
    }
}
