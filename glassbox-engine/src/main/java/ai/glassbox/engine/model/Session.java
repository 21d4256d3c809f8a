package ai.glassbox.engine.model;

/**
 * One sequence being processed: its KV cache and buffers. Feed tokens with {@link #process} and
 * read next-token logits. Not thread-safe.
 */
public final class Session {
    /** Receives the logits after each position; the array is reused, copy what you keep. */
    @FunctionalInterface
    public interface LogitsSink {
        void accept(int position, float[] logits);
    }

    private final Transformer transformer;
    private final WorkerPool pool;
    private final ForwardState state;

    Session(Transformer transformer, WorkerPool pool, ForwardState state) {
        this.transformer = transformer;
        this.pool = pool;
        this.state = state;
    }

    Transformer transformer() {
        return transformer;
    }

    KvCache cache() {
        return state.kv;
    }

    /** Tokens processed so far (the next token's position). */
    public int position() {
        return state.kv.length();
    }

    public int contextLength() {
        return state.kv.contextLength;
    }

    public int vocabSize() {
        return transformer.config().vocabSize();
    }

    /**
     * Processes {@code tokens[off, off+n)} and copies the logits after the last one into
     * {@code logitsOut} (length at least the vocabulary size).
     *
     * @throws ContextOverflowException if the context would overflow
     */
    public void process(int[] tokens, int off, int n, float[] logitsOut) {
        if (n < 1) throw new IllegalArgumentException("nothing to process");
        int done = 0;
        while (done < n) {
            int chunk = Math.min(state.maxBatch, n - done);
            boolean last = done + chunk == n;
            transformer.forward(state, pool, tokens, off + done, chunk, position(), last ? chunk - 1 : chunk);
            if (last) System.arraycopy(state.logits[chunk - 1], 0, logitsOut, 0, vocabSize());
            done += chunk;
        }
    }

    /** Processes tokens and hands the logits after every one of them to {@code sink}, in order. */
    public void processAll(int[] tokens, int off, int n, LogitsSink sink) {
        int done = 0;
        while (done < n) {
            int chunk = Math.min(state.maxBatch, n - done);
            int start = position();
            transformer.forward(state, pool, tokens, off + done, chunk, start, 0);
            for (int b = 0; b < chunk; b++) sink.accept(start + b, state.logits[b]);
            done += chunk;
        }
    }

    /** Forgets every position from {@code position} on, so they can be processed again. */
    public void truncate(int position) {
        if (position > position()) throw new IllegalArgumentException("cannot truncate to " + position + ", only " + position() + " processed");
        state.kv.setLength(position);
    }

    /**
     * Copies the first {@code positions} cached positions of {@code other} (a session of the same
     * model) into this one, which then continues from there: prefix sharing without recomputation.
     */
    public void copyPrefixFrom(Session other, int positions) {
        if (other.transformer != transformer) throw new IllegalArgumentException("sessions belong to different models");
        if (positions > other.position() || positions > contextLength()) throw new IllegalArgumentException("prefix " + positions + " longer than available");
        state.kv.copyPrefixFrom(other.state.kv, positions);
    }
}
