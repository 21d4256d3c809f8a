package ai.glassbox.engine;

import ai.glassbox.engine.model.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores token sequences one after another in one KV cache, reusing the positions a sequence
 * shares with the previous one: the choices of a multiple-choice question share their context, and
 * few-shot prompts share their examples. Because the engine's logits do not depend on how a
 * sequence is split into forward passes, reuse never changes a score.
 *
 * <p>Not thread-safe; calls also serialize on the engine.
 */
public final class PrefixScorer {
    private final Engine engine;
    private final Session session;
    private int[] cached = new int[0];
    private long processed;
    private long reused;

    PrefixScorer(Engine engine) {
        this.engine = engine;
        this.session = engine.newSession();
    }

    /**
     * Log-probabilities of {@code tokens[firstScored..]}, each given the tokens before it, with the
     * {@code topK} alternatives at each position.
     *
     * @throws IllegalArgumentException if {@code firstScored} is not in {@code [1, tokens.length)}
     *     or the sequence does not fit the context
     */
    public List<TokenScore> score(int[] tokens, int firstScored, int topK) {
        int n = tokens.length;
        if (firstScored < 1 || firstScored >= n) throw new IllegalArgumentException("first scored position " + firstScored + " is not in [1, " + n + ")");
        if (n - 1 > session.contextLength()) throw new IllegalArgumentException(n + " tokens do not fit the context of " + session.contextLength());
        synchronized (engine) {
            int start = Math.min(commonPrefix(tokens), firstScored - 1);
            session.truncate(start);
            int vocab = session.vocabSize();
            List<TokenScore> scores = new ArrayList<>(n - firstScored);
            session.processAll(tokens, start, n - 1 - start, (pos, logits) -> {
                if (pos + 1 < firstScored) return;
                int next = tokens[pos + 1];
                double norm = LogSoftmax.logNormalizer(logits, vocab);
                int[] top = LogSoftmax.topK(logits, vocab, Math.max(topK, 1));
                double[] topLp = new double[Math.min(topK, top.length)];
                for (int i = 0; i < topLp.length; i++) topLp[i] = logits[top[i]] - norm;
                scores.add(new TokenScore(pos + 1, next, logits[next] - norm, logits[next] == logits[top[0]], Arrays.copyOf(top, topLp.length), topLp));
            });
            cached = Arrays.copyOf(tokens, n - 1);
            processed += n - 1 - start;
            reused += start;
            return scores;
        }
    }

    /** Positions computed by forward passes so far. */
    public long tokensProcessed() {
        return processed;
    }

    /** Positions taken from the cache instead of being recomputed. */
    public long tokensReused() {
        return reused;
    }

    private int commonPrefix(int[] tokens) {
        int limit = Math.min(Math.min(cached.length, tokens.length), session.position());
        int i = 0;
        while (i < limit && cached[i] == tokens[i]) i++;
        return i;
    }
}
