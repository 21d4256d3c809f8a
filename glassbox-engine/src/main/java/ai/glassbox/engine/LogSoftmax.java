package ai.glassbox.engine;

/**
 * Log-probabilities from logits, in double: {@code l[i] - max - log(sum(exp(l - max)))} with the
 * sum taken in index order and exp from StrictMath, so scores are bit-reproducible.
 */
public final class LogSoftmax {
    private LogSoftmax() {}

    /** The log of the softmax normalizer: {@code max + log(sum(exp(l - max)))}. */
    public static double logNormalizer(float[] logits, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, logits[i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += StrictMath.exp((double) logits[i] - max);
        return max + StrictMath.log(sum);
    }

    /** Indices of the {@code k} largest values, largest first, ties to the lower index. */
    public static int[] topK(float[] logits, int n, int k) {
        k = Math.min(k, n);
        int[] top = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            float v = logits[i];
            if (size == k && !(v > logits[top[k - 1]])) continue;
            int j = size < k ? size++ : k - 1;
            while (j > 0 && v > logits[top[j - 1]]) {
                top[j] = top[j - 1];
                j--;
            }
            top[j] = i;
        }
        return top;
    }
}
