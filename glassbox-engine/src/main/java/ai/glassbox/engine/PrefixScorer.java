package ai.glassbox.engine;

import ai.glassbox.engine.model.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores token sequences one after another in one KV cache, reusing what a sequence shares with
 * the previous one: the choices of a multiple-choice question share their context, and few-shot
 * prompts share their examples. Positions whose token and history are unchanged keep their KV
 * entries and their scores; only the rest is computed. Because the engine's logits do not depend
 * on how a sequence is split into forward passes, reuse never changes a score.
 *
 * <p>Not thread-safe; calls also serialize on the engine.
 */
public final class PrefixScorer {
    private final Engine engine;
    private final Session session;
    private final int topK;
    /** The last scored sequence. */
    private int[] tokens = new int[0];
    /** {@code scores.get(p)} scores {@code tokens[p + 1]} given {@code tokens[0..p]}. */
    private final List<TokenScore> scores = new ArrayList<>();
    private long processed;
    private long reused;

    PrefixScorer(Engine engine, int topK) {
        if (topK < 1) throw new IllegalArgumentException("top-k must be at least 1, is " + topK);
        this.engine = engine;
        this.session = engine.newSession();
        this.topK = topK;
    }

    /**
     * Log-probabilities of {@code tokens[firstScored..]}, each given the tokens before it, with the
     * top-k alternatives at each position.
     *
     * @throws IllegalArgumentException if {@code firstScored} is not in {@code [1, tokens.length)}
     *     or the sequence does not fit the context
     */
    public List<TokenScore> score(int[] sequence, int firstScored) {
        int n = sequence.length;
        if (firstScored < 1 || firstScored >= n) throw new IllegalArgumentException("first scored position " + firstScored + " is not in [1, " + n + ")");
        if (n - 1 > session.contextLength()) throw new IllegalArgumentException(n + " tokens do not fit the context of " + session.contextLength());
        synchronized (engine) {
            int shared = commonPrefix(sequence);
            // positions below `start` keep their KV entries and, as their next token is shared too, their scores
            int start = Math.min(Math.max(0, shared - 1), session.position());
            session.truncate(start);
            while (scores.size() > start) scores.removeLast();
            int vocab = session.vocabSize();
            session.processAll(sequence, start, n - 1 - start, (pos, logits) -> {
                int next = sequence[pos + 1];
                double norm = LogSoftmax.logNormalizer(logits, vocab);
                int[] top = LogSoftmax.topK(logits, vocab, topK);
                double[] topLp = new double[top.length];
                for (int i = 0; i < topLp.length; i++) topLp[i] = logits[top[i]] - norm;
                scores.add(new TokenScore(pos + 1, next, logits[next] - norm, logits[next] == logits[top[0]], top, topLp));
            });
            tokens = sequence.clone();
            processed += n - 1 - start;
            reused += start;
            return List.copyOf(scores.subList(firstScored - 1, n - 1));
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

    private int commonPrefix(int[] sequence) {
        int limit = Math.min(tokens.length, sequence.length);
        int i = 0;
        while (i < limit && tokens[i] == sequence[i]) i++;
        return i;
    }
}
